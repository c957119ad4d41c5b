import type { FromWorker, LivePoint, ModelId } from '../protocol/messages';

/** Live points are batched into at most one message per this many milliseconds (~10 a second). */
export const REPORT_INTERVAL_MS = 100;

/**
 * A run's progress as the page sees it: the step count, and the live points gathered since the
 * last report, posted at most every REPORT_INTERVAL_MS (and at every epoch end).
 */
export class Progress {
  step = 0;
  totalSteps = 0;
  private points: LivePoint[] = [];
  private lastPost = -Infinity;

  constructor(
    private readonly runId: number,
    private readonly post: (message: FromWorker) => void,
    private readonly now: () => number,
  ) {}

  add(point: LivePoint): void {
    this.points.push(point);
  }

  /** Whether a report is due: the last one is at least REPORT_INTERVAL_MS old. */
  get due(): boolean {
    return this.now() - this.lastPost >= REPORT_INTERVAL_MS;
  }

  /** Posts progress and the live points gathered since the last post. */
  flush(): void {
    this.lastPost = this.now();
    const points = this.points;
    this.points = [];
    const { runId, step, totalSteps } = this;
    this.post({ type: 'progress', runId, step, totalSteps, points });
  }

  epoch(
    model: ModelId,
    epoch: number,
    trainLoss: number,
    testAccuracy: number,
    agreement?: number,
  ): void {
    this.post({
      type: 'epoch',
      runId: this.runId,
      result: { model, epoch, trainLoss, testAccuracy, agreement },
    });
  }
}

import type { FromWorker, LivePoint, ModelId } from '../protocol/messages';

/** Live points are batched into at most one message per this many milliseconds (~10 a second). */
export const REPORT_INTERVAL_MS = 100;

/**
 * A run's progress as the page sees it: the step count, and the live points gathered since the
 * last report, posted at most every REPORT_INTERVAL_MS (and at every epoch end).
 */
export class Progress {
  #step = 0;
  #totalSteps = 0;
  private points: LivePoint[] = [];
  private lastPost = -Infinity;

  /** The progress of no run, before the first one begins. */
  static idle(): Progress {
    return new Progress(
      0,
      () => undefined,
      () => 0,
    );
  }

  constructor(
    private readonly runId: number,
    private readonly post: (message: FromWorker) => void,
    private readonly now: () => number,
  ) {}

  /** Steps taken so far, of all the run's models and seeds. */
  get step(): number {
    return this.#step;
  }

  /** A run (re)starts at step `step` of `totalSteps`. */
  startAt(step: number, totalSteps: number): void {
    this.#step = step;
    this.#totalSteps = totalSteps;
  }

  /** One more step taken. */
  advance(): void {
    this.#step += 1;
  }

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
    const { runId } = this;
    const step = this.#step;
    const totalSteps = this.#totalSteps;
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

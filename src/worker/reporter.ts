import type { MetricSource } from '../core/engine/training-steps';
import type { LivePoint, ModelId } from '../protocol/messages';

/**
 * Turns one model's device-side metric sums into live points. A read is started and left in
 * flight while training continues; the next read waits for it first, so at most one is pending
 * and the CPU never runs far ahead of the device queue.
 */
export class LiveReader {
  private inFlight: Promise<void> | null = null;
  private epochLossSum = 0;
  private epochSteps = 0;

  constructor(
    private readonly model: ModelId,
    private readonly accumulator: MetricSource,
    private readonly emit: (point: LivePoint) => void,
  ) {}

  /** Starts reading everything accumulated so far, attributed to fractional epoch `epoch`. */
  async read(epoch: number): Promise<void> {
    await this.inFlight;
    const steps = this.accumulator.pendingSteps;
    if (steps === 0) return;
    const taken = this.accumulator.take();
    this.inFlight = taken.then((m) => {
      if (!m) return;
      this.epochLossSum += m.loss * steps;
      this.epochSteps += steps;
      this.emit({ model: this.model, epoch, loss: m.loss, accuracy: m.accuracy });
    });
    // The next read or closeEpoch awaits it and sees a failure; if the run has already ended
    // (a lost device fails every read at once), nobody will, and that is not an error.
    this.inFlight.catch(() => undefined);
  }

  /** Waits for every read and returns the mean training loss since the previous call. */
  async closeEpoch(epoch: number): Promise<number> {
    await this.read(epoch);
    await this.inFlight;
    const mean = this.epochSteps > 0 ? this.epochLossSum / this.epochSteps : Number.NaN;
    this.epochLossSum = 0;
    this.epochSteps = 0;
    return mean;
  }

  dispose(): void {
    this.accumulator.dispose();
  }
}

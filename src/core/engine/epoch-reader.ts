import type { ModelRef } from './experiment';
import type { Evaluation } from './test-set';
import type { MetricSource, TrainingSteps } from './training-steps';

/** A model's loss and accuracy read back during an epoch: one live point. */
export interface LiveRead {
  model: ModelRef;
  /** The fractional epoch the read is attributed to. */
  epoch: number;
  loss: number;
  accuracy: number;
}

/**
 * Turns one model's device-side metric sums into live points and epoch losses. A read is started
 * and left in flight while training continues; the next read waits for it first, so at most one is
 * pending and the CPU never runs far ahead of the device queue.
 */
export class ModelReader {
  private inFlight: Promise<void> | null = null;
  private epochLossSum = 0;
  private epochSteps = 0;
  private reads = 0;
  private lastLoss = Number.NaN;

  constructor(
    readonly model: ModelRef,
    private readonly source: MetricSource,
    private readonly emit: (point: LiveRead) => void = () => undefined,
  ) {}

  /** Starts reading everything accumulated so far, attributed to fractional epoch `epoch`. */
  async read(epoch: number): Promise<void> {
    await this.inFlight;
    const steps = this.source.pendingSteps;
    if (steps === 0) return;
    const taken = this.source.take();
    this.inFlight = taken.then((m) => {
      if (!m) return;
      this.epochLossSum += m.loss * steps;
      this.epochSteps += steps;
      this.reads += 1;
      this.lastLoss = m.loss;
      this.emit({ model: this.model, epoch, loss: m.loss, accuracy: m.accuracy });
    });
    // The next read or closeEpoch awaits it and sees a failure; if the run has already ended
    // (a lost device fails every read at once), nobody will, and that is not an error.
    this.inFlight.catch(() => undefined);
  }

  /**
   * Waits for every read and returns the mean training loss per step since the previous call
   * (one read's own mean as it is, so an epoch read once reports exactly the device's figure).
   */
  async closeEpoch(epoch: number): Promise<number> {
    await this.read(epoch);
    await this.inFlight;
    const mean =
      this.reads === 1
        ? this.lastLoss
        : this.epochSteps > 0
          ? this.epochLossSum / this.epochSteps
          : Number.NaN;
    this.epochLossSum = 0;
    this.epochSteps = 0;
    this.reads = 0;
    return mean;
  }

  dispose(): void {
    this.source.dispose();
  }
}

/** A model's epoch: its mean training loss since the last epoch end, and its test numbers. */
export interface ModelEpoch extends Evaluation {
  model: ModelRef;
  epoch: number;
  trainLoss: number;
}

/**
 * The epoch's numbers of the readers' models: every loss read first, so nothing is pending on the
 * device while they are evaluated (the tensor count at an epoch report is the same every epoch).
 */
export async function readEpoch(
  steps: TrainingSteps,
  readers: readonly ModelReader[],
  epoch: number,
): Promise<ModelEpoch[]> {
  const losses: number[] = [];
  for (const reader of readers) losses.push(await reader.closeEpoch(epoch));
  const out: ModelEpoch[] = [];
  for (const [i, { model }] of readers.entries()) {
    const evaluation = await steps.evaluate(model);
    out.push({ model, epoch, trainLoss: losses[i] ?? Number.NaN, ...evaluation });
  }
  return out;
}

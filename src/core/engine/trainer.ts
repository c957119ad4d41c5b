import * as tf from '@tensorflow/tfjs';
import { type Mlp, disposeMlp, forward, mlpVariables } from './mlp';

/**
 * What one step leaves on the device for the caller to accumulate and read later. The step's own
 * tensors are kept rather than reduced here: metrics cost no kernel per step, only per read.
 */
export type StepMetrics = {
  loss: tf.Scalar;
  logits: tf.Tensor2D;
  labels: tf.Tensor1D;
  rows: number;
};

/** Releases what a step kept for its metrics. */
export function disposeStepMetrics(m: StepMetrics): void {
  tf.dispose([m.loss, m.logits, m.labels]);
}

/** One model with its own Adam optimizer; steps never read anything back from the device. */
export class ModelTrainer {
  private readonly optimizer: tf.AdamOptimizer;
  private readonly variables: tf.Variable[];

  constructor(
    readonly model: Mlp,
    learningRate: number,
  ) {
    this.optimizer = tf.train.adam(learningRate);
    this.variables = mlpVariables(model);
  }

  set learningRate(value: number) {
    // Adam reads this number at every applyGradients, so a change takes effect at the next step.
    (this.optimizer as unknown as { learningRate: number }).learningRate = value;
  }

  /**
   * One Adam step on a batch. The variable list is explicit: without it tfjs would also train
   * every other trainable variable alive, the teacher's included.
   */
  step(
    x: tf.Tensor2D,
    labels: tf.Tensor1D,
    lossOf: (logits: tf.Tensor2D) => tf.Scalar,
    dropoutSeed?: number,
  ): StepMetrics {
    let logits: tf.Tensor2D | undefined;
    const loss = this.optimizer.minimize(
      () => {
        logits = tf.keep(forward(this.model, x, dropoutSeed));
        return lossOf(logits);
      },
      true,
      this.variables,
    );
    if (!loss || !logits) throw new Error('optimizer.minimize returned no loss');
    // A clone shares the labels' data (no kernel) and belongs to the metrics alone.
    return { loss, logits, labels: tf.keep(tf.clone(labels)), rows: x.shape[0] };
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeMlp(this.model);
  }
}

function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')));
}

/**
 * Collects step metrics on the device; `take()` reduces everything since the last take in one
 * batch of kernels (loss sum, correct count) and reads it asynchronously while training goes on.
 */
export class MetricAccumulator {
  private pending: StepMetrics[] = [];

  add(m: StepMetrics): void {
    this.pending.push(m);
  }

  get pendingSteps(): number {
    return this.pending.length;
  }

  /** Mean loss per step and accuracy per row since the last take, read without blocking. */
  async take(): Promise<{ loss: number; accuracy: number } | null> {
    const steps = this.pending;
    this.pending = [];
    if (steps.length === 0) return null;
    const rows = steps.reduce((n, m) => n + m.rows, 0);
    const [lossSum, correct] = tf.tidy(() => [
      tf.addN(steps.map((m) => m.loss)),
      countCorrect(tf.concat(steps.map((m) => m.logits)), tf.concat(steps.map((m) => m.labels))),
    ]);
    for (const m of steps) disposeStepMetrics(m);
    try {
      const [l, c] = await Promise.all([lossSum.data(), correct.data()]);
      return { loss: (l[0] as number) / steps.length, accuracy: (c[0] as number) / rows };
    } finally {
      tf.dispose([lossSum, correct]);
    }
  }

  dispose(): void {
    for (const m of this.pending) disposeStepMetrics(m);
    this.pending = [];
  }
}

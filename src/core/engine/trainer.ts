import * as tf from '@tensorflow/tfjs';
import { type Network, disposeNetwork, forwardParts, networkVariables } from './network';

/** What one step leaves on the device for the caller to accumulate and read later. */
export type StepMetrics = {
  loss: tf.Scalar;
  /** Number of rows of the batch whose argmax matched the label. */
  correct: tf.Scalar;
  rows: number;
};

/** One model with its own Adam optimizer; steps never read anything back from the device. */
export class ModelTrainer {
  private readonly optimizer: tf.AdamOptimizer;
  private readonly variables: tf.Variable[];

  /**
   * `extra`: variables trained with the model but not part of it (a hint student's regressor),
   * disposed with the trainer. `headOnly`: only the output layer trains (a transfer's probe), the
   * hidden layers stay as they are.
   */
  constructor(
    readonly model: Network,
    private readonly extra: readonly tf.Variable[] = [],
    headOnly = false,
  ) {
    // The rate is each step's own setting (`step`); Adam's other settings are tfjs's defaults.
    this.optimizer = tf.train.adam();
    const own = networkVariables(model);
    this.variables = [...(headOnly ? own.slice(-2) : own), ...extra];
  }

  /**
   * One Adam step on a batch at `learningRate`, the step's own setting. The variable list is
   * explicit: without it tfjs would also train every other trainable variable alive, the
   * teacher's included.
   */
  step(
    x: tf.Tensor2D,
    labels: tf.Tensor1D,
    lossOf: (logits: tf.Tensor2D, lastHidden: tf.Tensor2D | null) => tf.Scalar,
    { learningRate, dropoutSeed }: { learningRate: number; dropoutSeed?: number },
  ): StepMetrics {
    // tfjs's Adam has no setter for its rate but reads this field at every applyGradients, so
    // writing it here makes the step's setting the one applied; nothing reads it back.
    (this.optimizer as unknown as { learningRate: number }).learningRate = learningRate;
    let correct: tf.Scalar | undefined;
    const loss = this.optimizer.minimize(
      () => {
        const { logits, lastHidden } = forwardParts(this.model, x, dropoutSeed);
        correct = tf.keep(countCorrect(logits, labels));
        return lossOf(logits, lastHidden);
      },
      true,
      this.variables,
    );
    if (!loss || !correct) throw new Error('optimizer.minimize returned no loss');
    return { loss, correct, rows: x.shape[0] };
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeNetwork(this.model);
    for (const v of this.extra) v.dispose();
  }
}

/** Releases what a step left for its metrics, for callers that do not accumulate them. */
export function disposeStepMetrics(m: StepMetrics): void {
  tf.dispose([m.loss, m.correct]);
}

function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')));
}

/**
 * Sums step metrics on the device; `take()` hands back the running totals and starts afresh,
 * so the caller can read them asynchronously while training continues. Summing per step costs
 * two small kernels a step but keeps every kernel's shape fixed: reducing many steps at read time
 * (concat of a varying number of tensors) made WebGL compile a new program for almost every read.
 */
export class MetricAccumulator {
  private loss: tf.Scalar | null = null;
  private correct: tf.Scalar | null = null;
  private steps = 0;
  private rows = 0;

  add(m: StepMetrics): void {
    this.loss = accumulate(this.loss, m.loss);
    this.correct = accumulate(this.correct, m.correct);
    this.steps += 1;
    this.rows += m.rows;
  }

  get pendingSteps(): number {
    return this.steps;
  }

  /** Mean loss per step and accuracy per row since the last take, read without blocking. */
  async take(): Promise<{ loss: number; accuracy: number } | null> {
    const { loss, correct, steps, rows } = this;
    this.loss = this.correct = null;
    this.steps = this.rows = 0;
    if (!loss || !correct || steps === 0) return null;
    try {
      const [l, c] = await Promise.all([loss.data(), correct.data()]);
      return { loss: (l[0] as number) / steps, accuracy: (c[0] as number) / rows };
    } finally {
      loss.dispose();
      correct.dispose();
    }
  }

  dispose(): void {
    this.loss?.dispose();
    this.correct?.dispose();
    this.loss = this.correct = null;
  }
}

/** Adds `next` to the running total and releases both inputs. */
function accumulate(total: tf.Scalar | null, next: tf.Scalar): tf.Scalar {
  if (!total) return next;
  const sum = tf.add<tf.Scalar>(total, next);
  total.dispose();
  next.dispose();
  return sum;
}

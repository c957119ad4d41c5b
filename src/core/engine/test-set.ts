import * as tf from '@tensorflow/tfjs';
import type { StudentPairs } from '../results';
import { argmaxRows } from '../analysis/confusion';
import { countPaired } from '../significance/paired';
import { predictLogits } from './predict';
import type { Predictor } from './ready-teacher';

export interface Evaluation {
  accuracy: number;
  /** Share of test rows where the model's top-1 class equals the teacher's (absent for the teacher). */
  agreement?: number;
}

/**
 * An experiment's test rows on the device, and what is measured on them: accuracy, agreement with
 * the teacher's predictions, row-by-row comparisons, logits. Each measure reads back once. A model
 * whose final test logits the engine that trained it gave (`know`) is measured on those, with no
 * forward pass here: a fused run's report costs no tfjs pass of a network it trained.
 */
export class TestSet {
  readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor1D;
  private readonly known = new Map<Predictor, Float32Array>();

  constructor(
    features: number,
    private readonly labels: Int32Array,
    rows: Float32Array,
  ) {
    this.x = tf.tensor2d(rows, [labels.length, features]);
    this.y = tf.tensor1d(labels, 'int32');
  }

  /**
   * `model`'s final test logits, [rows × classes], as the engine that trained it computed them;
   * its measures read them from now on (its weights do not change again).
   */
  know(model: Predictor, logits: Float32Array): void {
    if (logits.length % this.labels.length !== 0) {
      throw new Error(`${logits.length} test logits do not fit ${this.labels.length} rows.`);
    }
    this.known.set(model, logits);
  }

  /** `model` trains again: its measures run on tfjs until it is known again. */
  forget(model: Predictor): void {
    this.known.delete(model);
  }

  /** Test accuracy, and agreement with `reference` (the teacher's predictions) when given. */
  async evaluate(model: Predictor, reference: tf.Tensor1D | null): Promise<Evaluation> {
    const known = this.known.get(model);
    if (known) {
      const predicted = argmaxRows(known, known.length / this.labels.length);
      const accuracy = share(predicted, this.labels);
      if (!reference) return { accuracy };
      return { accuracy, agreement: share(predicted, await reference.data()) };
    }
    const [correct, agree] = tf.tidy(() => {
      const predictions = tf.argMax(predictLogits(model, this.x), 1);
      const count = (other: tf.Tensor1D) =>
        tf.sum(tf.cast(tf.equal(predictions, other), 'float32'));
      return reference ? [count(this.y), count(reference)] : [count(this.y)];
    });
    try {
      const n = this.labels.length;
      const accuracy = ((await correct.data())[0] as number) / n;
      if (!agree) return { accuracy };
      return { accuracy, agreement: ((await agree.data())[0] as number) / n };
    } finally {
      correct.dispose();
      agree?.dispose();
    }
  }

  /**
   * Two models compared on each test row: where each is right, and — with the teacher's
   * predictions — where each matches it.
   */
  async compare(
    first: Predictor,
    second: Predictor,
    teacher: tf.Tensor1D | null,
  ): Promise<StudentPairs> {
    const [a, b, taught] = await Promise.all([
      this.predictions(first),
      this.predictions(second),
      teacher?.data(),
    ]);
    const hits = (predicted: ArrayLike<number>, truth: ArrayLike<number>) =>
      Uint8Array.from(predicted, (p, i) => (p === truth[i] ? 1 : 0));
    const accuracy = countPaired(hits(a, this.labels), hits(b, this.labels));
    if (!taught) return { accuracy };
    return { accuracy, agreement: countPaired(hits(a, taught), hits(b, taught)) };
  }

  /** Logits of every test row, row-major [rows × classes]. */
  async logits(model: Predictor): Promise<Float32Array> {
    const known = this.known.get(model);
    if (known) return Float32Array.from(known);
    const logits = predictLogits(model, this.x);
    try {
      return (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    tf.dispose([this.x, this.y]);
  }

  private async predictions(model: Predictor): Promise<Int32Array> {
    const known = this.known.get(model);
    if (known) return argmaxRows(known, known.length / this.labels.length);
    const predictions = tf.tidy(() => tf.argMax(predictLogits(model, this.x), 1));
    try {
      return (await predictions.data()) as Int32Array;
    } finally {
      predictions.dispose();
    }
  }
}

/** Share of rows where `predicted` equals `other`. */
function share(predicted: Int32Array, other: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === other[i]) same++;
  return same / predicted.length;
}

/**
 * Logits of a whole split, a chunk of rows at a time: peak device memory stays that of one chunk,
 * whatever the split's size or the teacher's.
 */
import * as tf from '@tensorflow/tfjs';
import { type Predictor, predictorLogits } from './ready-teacher';

/** Rows per forward pass when predicting a whole split. */
const PREDICT_CHUNK = 2048;

/** Logits of rows [start, start + PREDICT_CHUNK) of `x` (fewer at its end). */
function chunkLogits(model: Predictor, x: tf.Tensor2D, start: number): tf.Tensor2D {
  const size = Math.min(PREDICT_CHUNK, x.shape[0] - start);
  return tf.tidy(() => predictorLogits(model, tf.slice(x, [start, 0], [size, -1])));
}

/** Logits of every row of `x`, enqueued chunk by chunk without waiting for any. */
export function predictLogits(model: Predictor, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < x.shape[0]; start += PREDICT_CHUNK) {
      chunks.push(chunkLogits(model, x, start));
    }
    return chunks.length === 1 ? (chunks[0] as tf.Tensor2D) : tf.concat(chunks, 0);
  });
}

/**
 * `predictLogits`, each chunk read back before the next (so the progress is real) and `done`
 * awaited with the rows finished: where a caller reports progress or lets Stop in between.
 */
export async function predictLogitsAwaited(
  model: Predictor,
  x: tf.Tensor2D,
  done: (rows: number) => Promise<void>,
): Promise<tf.Tensor2D> {
  const chunks: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < x.shape[0]; start += PREDICT_CHUNK) {
      const chunk = chunkLogits(model, x, start);
      chunks.push(chunk);
      await chunk.data();
      await done(start + chunk.shape[0]);
    }
    return chunks.length === 1 ? (chunks.pop() as tf.Tensor2D) : tf.concat(chunks, 0);
  } finally {
    tf.dispose(chunks);
  }
}

/** Class probabilities of `model` for one input row of `features` values (the drawing pad's). */
export async function rowProbabilities(
  model: Predictor,
  row: Float32Array,
  features: number,
): Promise<Float32Array> {
  if (row.length !== features) throw new Error(`Expected ${features} features, got ${row.length}.`);
  const p = tf.tidy(() => tf.softmax(predictorLogits(model, tf.tensor2d(row, [1, features]))));
  try {
    return (await p.data()) as Float32Array;
  } finally {
    p.dispose();
  }
}

import * as tf from '@tensorflow/tfjs';
import { type DenseLayer, type Layer, hasConv } from '../../layers';
import { type Network, assignWeights, forwardParts, networkVariables } from '../network';

/** A network's dense layers, or null when it has conv blocks (which the jax-js peer does not build). */
export function denseLayers(hidden: readonly Layer[]): DenseLayer[] | null {
  if (hasConv(hidden)) return null;
  return hidden.filter((l): l is DenseLayer => l.kind === 'dense');
}

/**
 * A tfjs network's weights in the fused layout: per layer its kernel, then its bias; then `extra`
 * (a hint student's regressor), in order.
 */
export async function packNetwork(
  model: Network,
  extra: readonly tf.Variable[] = [],
): Promise<Float32Array> {
  const parts = await Promise.all([
    ...model.weights.flatMap(({ kernel, bias }) => [kernel.data(), bias.data()]),
    ...extra.map((v) => v.data()),
  ]);
  return concatFloats(parts as Float32Array[]);
}

/** One flat array of `parts`, in order. */
export function concatFloats(parts: readonly Float32Array[]): Float32Array {
  const flat = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    flat.set(p, at);
    at += p.length;
  }
  return flat;
}

/** Writes fused parameters back into a tfjs network's variables, then into `extra`'s. */
export function unpackInto(
  model: Network,
  flat: Float32Array,
  extra: readonly tf.Variable[] = [],
): void {
  const variables = [...networkVariables(model), ...extra];
  const total = variables.reduce((n, v) => n + v.size, 0);
  if (total !== flat.length) throw new Error(`Unpacking ${total} of ${flat.length} parameters.`);
  let at = 0;
  const values = variables.map((v) => flat.subarray(at, (at += v.size)));
  assignWeights(variables, values);
}

/** Rows a chunk of `teacherHiddenRows` takes through the teacher at once. */
const HIDDEN_CHUNK = 1024;

/**
 * The teacher's last hidden layer (before its dropout, as the tfjs engine's hint reads it, and
 * without dropout: the teacher is frozen) on every row of `x`, row-major, chunk by chunk.
 */
export async function teacherHiddenRows(teacher: Network, x: tf.Tensor2D): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for (let start = 0; start < x.shape[0]; start += HIDDEN_CHUNK) {
    const size = Math.min(HIDDEN_CHUNK, x.shape[0] - start);
    const hidden = tf.tidy(() => {
      const rows = tf.slice(x, [start, 0], [size, -1]);
      const { lastHidden } = forwardParts(teacher, rows);
      if (!lastHidden) throw new Error("The teacher's last hidden layer is not dense.");
      return lastHidden;
    });
    parts.push((await hidden.data()) as Float32Array);
    hidden.dispose();
  }
  return concatFloats(parts);
}

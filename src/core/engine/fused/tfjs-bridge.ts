import * as tf from '@tensorflow/tfjs';
import { type DenseLayer, type Layer, hasConv } from '../../layers';
import type { Network } from '../network';

/** A network's dense layers, or null when it has conv blocks (which the fused path does not train). */
export function denseLayers(hidden: readonly Layer[]): DenseLayer[] | null {
  if (hasConv(hidden)) return null;
  return hidden.filter((l): l is DenseLayer => l.kind === 'dense');
}

/** A tfjs network's weights in the fused layout: per layer its kernel, then its bias. */
export async function packNetwork(model: Network): Promise<Float32Array> {
  const parts = await Promise.all(
    model.weights.flatMap(({ kernel, bias }) => [kernel.data(), bias.data()]),
  );
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

/** Writes fused parameters back into a tfjs network's variables. */
export function unpackInto(model: Network, flat: Float32Array): void {
  let at = 0;
  tf.tidy(() => {
    for (const { kernel, bias } of model.weights) {
      for (const v of [kernel, bias]) {
        v.assign(tf.tensor(flat.subarray(at, at + v.size), v.shape));
        at += v.size;
      }
    }
  });
  if (at !== flat.length) throw new Error(`Unpacked ${at} of ${flat.length} parameters.`);
}

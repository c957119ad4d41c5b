/**
 * tfjs-wasm multiplies fast (XNNPACK) only when neither operand is transposed; with a transpose
 * flag — every weight gradient (xᵀ·dZ) and input gradient (dZ·Wᵀ) a training step takes — its
 * BatchMatMul falls back to a plain loop. Measured here on one thread, 128 × 784 by 784 × 512:
 * 7.4 ms untransposed, 153 ms for xᵀ·dZ and 75 ms for dZ·Wᵀ, 11 and 13 ms when the operand is
 * transposed first. So on wasm BatchMatMul transposes such an operand into a copy and multiplies
 * untransposed (docs/architecture.md, "The CPU path"). Other backends are untouched.
 */
import * as tf from '@tensorflow/tfjs';
// Its kernels register on import: this module's BatchMatMul replaces the one registered there.
import '@tensorflow/tfjs-backend-wasm';

let installed = false;

/** The permutation that swaps a tensor's last two axes. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Replaces tfjs-wasm's BatchMatMul with one that transposes operands before multiplying. */
export function fastTransposedMatMul(): void {
  if (installed) return;
  const kernels = tf.getKernelsForBackend('wasm');
  const original = kernels.find((k) => k.kernelName === 'BatchMatMul');
  const transpose = kernels.find((k) => k.kernelName === 'Transpose');
  if (!original || !transpose) return;
  installed = true;
  const kernelFunc: tf.KernelFunc = (params) => {
    const { transposeA, transposeB } = params.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc(params);
    const { backend } = params;
    const release = (t: tf.TensorInfo) => {
      (backend as Pick<tf.KernelBackend, 'disposeData'>).disposeData(t.dataId);
    };
    const { a, b } = params.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const copy = (t: tf.TensorInfo) =>
      transpose.kernelFunc({
        inputs: { x: t },
        backend,
        attrs: { perm: swapLastTwo(t.shape.length) },
      }) as tf.TensorInfo;
    const left = transposeA ? copy(a) : a;
    const right = transposeB ? copy(b) : b;
    try {
      const attrs = { ...params.attrs, transposeA: false, transposeB: false };
      return original.kernelFunc({ inputs: { a: left, b: right }, backend, attrs });
    } finally {
      if (left !== a) release(left);
      if (right !== b) release(right);
    }
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

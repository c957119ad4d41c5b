/**
 * tfjs-wasm's BatchMatMul, replaced so that a transposed operand is copied transposed and
 * multiplied on XNNPACK's path (wasm-matmul.ts): the same products as the plain JavaScript
 * backend for every transpose flag, batched too, with the copies released.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { fastTransposedMatMul } from './wasm-matmul';

/** tfjs-wasm's own kernel, before the replacement. */
let theirs: tf.KernelFunc;

beforeAll(async () => {
  theirs = tf.getKernel('BatchMatMul', 'wasm').kernelFunc;
  fastTransposedMatMul();
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

const rng = createRng(4);
const values = (n: number) => Float32Array.from({ length: n }, () => rng.next() - 0.5);

/** `run` on the wasm backend and on the plain JavaScript one, read back. */
async function both(run: () => tf.Tensor): Promise<[Float32Array, Float32Array]> {
  await tf.setBackend('cpu');
  const expected = tf.tidy(run);
  const want = (await expected.data()) as Float32Array;
  expected.dispose();
  await tf.setBackend('wasm');
  const got = tf.tidy(run);
  const have = (await got.data()) as Float32Array;
  got.dispose();
  return [have, want];
}

describe("tfjs-wasm's matMul with transposes", () => {
  const a = values(6 * 5);
  const b = values(5 * 7);
  const cases: [string, number[], number[], boolean, boolean][] = [
    ['a · b', [6, 5], [5, 7], false, false],
    ['aᵀ · b', [5, 6], [5, 7], true, false],
    ['a · bᵀ', [6, 5], [7, 5], false, true],
    ['aᵀ · bᵀ', [5, 6], [7, 5], true, true],
  ];
  it('is the kernel the wasm backend runs now', () => {
    expect(tf.getKernel('BatchMatMul', 'wasm').kernelFunc).not.toBe(theirs);
  });

  it.each(cases)('%s equals the JavaScript backend', async (_, sa, sb, ta, tb) => {
    const [have, want] = await both(() =>
      tf.matMul(
        tf.tensor2d(a, sa as [number, number]),
        tf.tensor2d(b, sb as [number, number]),
        ta,
        tb,
      ),
    );
    expect(have).toHaveLength(42);
    for (const [i, v] of have.entries()) expect(v).toBeCloseTo(want[i] ?? NaN, 5);
  });

  it('batched, and leaves no copy behind; the gradient of a dense layer agrees', async () => {
    const x = values(3 * 4 * 5);
    const y = values(3 * 6 * 5);
    const [have, want] = await both(() =>
      tf.matMul(tf.tensor3d(x, [3, 4, 5]), tf.tensor3d(y, [3, 6, 5]), false, true),
    );
    for (const [i, v] of have.entries()) expect(v).toBeCloseTo(want[i] ?? NaN, 5);
    const before = tf.memory().numBytes;
    const [rows, weights] = [values(8 * 5), values(5 * 3)];
    const [gw, gwWant] = await both(() => {
      const input = tf.tensor2d(rows, [8, 5]);
      const w = tf.tensor2d(weights, [5, 3]);
      return tf.grad((v: tf.Tensor) => tf.sum(tf.relu(tf.matMul(input, v))))(w);
    });
    for (const [i, v] of gw.entries()) expect(v).toBeCloseTo(gwWant[i] ?? NaN, 5);
    expect(tf.memory().numBytes).toBe(before);
  });
});

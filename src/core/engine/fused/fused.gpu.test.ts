/**
 * The fused kernels against the tfjs engine on the CPU backend, on the same inputs: forward,
 * loss, every gradient, one Adam update; and the PyTorch golden cases through the loss kernel.
 * Runs on a real WebGPU device in Node (Dawn; SwiftShader where there is no GPU).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossKernelStep } from '../../../test-support/loss-kernel';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { GOLDEN_CASES } from '../../../test-support/golden';
import { type Activation, conv as convBlock, dense } from '../../layers';
import { probeFusedSpeed } from './fused-probe';
import { variantName, VARIANTS } from './matmul-variants';
import { oneStepGaps } from './self-check';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

/**
 * Relative agreement within `tol`, measured against at least `floor` (by default 1 % of the
 * largest expected magnitude), so float32 rounding in values near zero does not count.
 */
function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = 1e-4,
  floor = 1e-2 * Math.max(1e-2, ...Array.from(expected, Math.abs)),
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (Math.abs(a - e) > tol * Math.max(Math.abs(e), floor)) {
      expect.fail(`element ${i}: ${a} vs ${e}`);
    }
  }
}

describe('one fused step equals one tfjs step', () => {
  const activations: Activation[] = ['relu', 'tanh', 'sigmoid', 'gelu'];
  it.each(activations)('%s: logits, loss, every gradient and the Adam update', async (act) => {
    // The self-check's step (self-check.ts), on each activation: the same weights and batch.
    const gaps = await oneStepGaps(device, [dense(7, act), dense(5, act)]);
    expect(gaps.map((g) => g.quantity)).toEqual(['logits', 'loss', 'gradients', 'Adam update']);
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });
});

describe('conv blocks: one fused step equals one tfjs step', () => {
  // 7 × 7 images: the second block pools an odd side (3 → 1), so the uncovered row and column
  // take no gradient; 3 × 3 and 5 × 5 kernels, one and several channels in.
  it.each([
    ['one block, 3 × 3', [convBlock(3), dense(5, 'tanh')]],
    [
      'two blocks, 3 × 3 then 5 × 5',
      [convBlock(4), { ...convBlock(3), kernel: 5 }, dense(5, 'relu')],
    ],
  ] as const)('%s: logits, loss, every gradient and the Adam update', async (_name, hidden) => {
    const gaps = await oneStepGaps(device, hidden, {}, { features: 49, imageSide: 7 });
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });
});

describe('every matmul variant trains the same step', () => {
  // Widths that fill no variant's blocks (6-37-9-3, 11 rows): every clamp and bound is crossed.
  it.each(VARIANTS.map((v) => [variantName(v), v] as const))('%s', async (_name, v) => {
    const gaps = await oneStepGaps(device, [dense(37, 'relu'), dense(9, 'tanh')], {
      choose: () => v,
    });
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });
});

describe('the fused loss kernel against the PyTorch golden file', () => {
  const cases = GOLDEN_CASES;
  it.each(cases.map((c, i) => [i, c] as const))('case %i: loss and gradient', async (_i, c) => {
    const settings = { temperature: c.temperature, alpha: c.alpha };
    const { loss, grad } = await lossKernelStep(device, c, settings);
    // As distill.test.ts holds the tfjs loss to the same file: 1e-5 relative, floor 0.1.
    expectAllClose([loss], [c.loss], 1e-5, 0.1);
    expectAllClose(grad, c.gradStudentLogits.flat(), 1e-5, 0.1);
  });
});

describe('the speed probe of the fused path', () => {
  it('measures dense networks and conv blocks', async () => {
    const shape = {
      input: { features: 20 },
      classes: 4,
      teacherHidden: [dense(16, 'relu', 0.2)],
      studentHidden: [dense(4, 'tanh')],
      batchSize: 32,
    };
    let clock = 0;
    const opts = { budgetMs: 50, minSteps: 2, now: () => (clock += 10) };
    expect(await probeFusedSpeed(device, shape, opts)).toBeGreaterThan(0);
    const conv = {
      ...shape,
      input: { features: 784, imageSide: 28 },
      studentHidden: [convBlock(2)],
    };
    expect(await probeFusedSpeed(device, conv, opts)).toBeGreaterThan(0);
  });
});

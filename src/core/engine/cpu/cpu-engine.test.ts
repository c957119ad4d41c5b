/**
 * The fused CPU engine against the tfjs engine on the CPU backend, on the same inputs: forward,
 * loss, every gradient and one Adam update (the GPU engine's self-check step), on every
 * activation and on widths that fill none of the matmul's register blocks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Activation, dense } from '../../layers';
import { oneStepGaps } from '../fused/self-check';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('one fused CPU step equals one tfjs step', () => {
  const activations: Activation[] = ['relu', 'tanh', 'sigmoid', 'gelu'];
  it.each(activations)('%s: logits, loss, every gradient and the Adam update', async (act) => {
    const gaps = await oneStepGaps('cpu', [dense(7, act), dense(5, act)]);
    expect(gaps.map((g) => g.quantity)).toEqual(['logits', 'loss', 'gradients', 'Adam update']);
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });

  it('on widths that cross every edge of the register blocks (6-37-9-3, 11 rows)', async () => {
    const gaps = await oneStepGaps('cpu', [dense(37, 'relu'), dense(9, 'tanh')]);
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });

  it('on the self-check network (256 units: whole 4 × 8 blocks)', async () => {
    const gaps = await oneStepGaps('cpu', [dense(256, 'relu'), dense(5, 'tanh')]);
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });
});

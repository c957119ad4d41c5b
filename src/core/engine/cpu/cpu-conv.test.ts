/**
 * Conv blocks on the fused CPU engine against the tfjs engine on the CPU backend: one step of the
 * self-check's conv network (3 × 3 and 5 × 5 blocks, an odd pool) and of wider blocks whose
 * filters fill the matmul's 4 × 8 register blocks, quantity by quantity; a whole conv run within
 * a point of tfjs's; and, where tfjs runs on wasm, a conv run the engine cannot take refused in
 * words rather than started on tfjs's wasm kernels (which have no conv gradients).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv, dense } from '../../layers';
import { CHECK_CONV_LAYERS, CHECK_IMAGE, oneStepGaps } from '../fused/self-check';
import { chooseSteps } from '../fused/engine-choice';
import { Experiment } from '../experiment';
import { QUADRANT_CONV_RUN, quadrantImages } from '../../../test-support/quadrant-images';
import { trainReport } from '../../../test-support/train-students';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('one fused CPU step of a conv network equals one tfjs step', () => {
  it('the self-check network: 3 × 3 then 5 × 5 blocks on 7 × 7 images', async () => {
    const gaps = await oneStepGaps('cpu', CHECK_CONV_LAYERS, {}, CHECK_IMAGE);
    expect(gaps.map((g) => g.quantity)).toEqual(['logits', 'loss', 'gradients', 'Adam update']);
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });

  it('8 and 16 filters on 12 × 12 images, then two dense layers', async () => {
    const hidden = [conv(8), conv(16), dense(12, 'relu'), dense(5, 'tanh')];
    const gaps = await oneStepGaps('cpu', hidden, {}, { features: 144, imageSide: 12 });
    for (const { quantity, worst } of gaps) expect(worst, quantity).toBeLessThanOrEqual(1e-4);
  });
});

describe('a run with conv blocks on the fused CPU engine', () => {
  const exp = (students = QUADRANT_CONV_RUN.students) =>
    new Experiment(quadrantImages(320, 200), { ...QUADRANT_CONV_RUN, students });

  it('is chosen on wasm, and trains where tfjs’s engine does, within a point, no tensor left', async () => {
    const chosen = exp();
    const { steps, reason } = await chooseSteps(chosen, { device: null, cpu: true });
    expect([steps.engine, reason]).toEqual(['fused', null]);
    steps.dispose();
    chosen.dispose();
    const before = tf.memory().numTensors;
    const fused = await trainReport(exp(), 'cpu');
    const tfjs = await trainReport(exp(), null);
    expect(tf.memory().numTensors).toBe(before);
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const [a, b] = [fused.models[role].accuracy, tfjs.models[role].accuracy];
      expect(Math.abs(a - b), `${role}: ${a} vs ${b}`).toBeLessThanOrEqual(0.01);
      // Trained, not chance on four classes.
      expect(a, role).toBeGreaterThan(0.5);
    }
  });

  it('is refused on wasm where tfjs would have to train it (a probe), in so many words', async () => {
    const probe = exp([
      { name: 'Probe', kind: 'scratch', hidden: [conv(2), dense(8)], probe: true },
    ]);
    try {
      await expect(chooseSteps(probe, { device: null, cpu: true })).rejects.toThrow(
        'On wasm only the fused CPU engine trains conv blocks, and a probe keeps its hidden layers frozen: pick the WebGPU or WebGL backend for this run.',
      );
    } finally {
      probe.dispose();
    }
  });
});

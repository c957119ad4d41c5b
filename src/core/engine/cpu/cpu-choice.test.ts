/**
 * Where tfjs runs on wasm, the engine choice takes the fused CPU engine (cpu-conv.test.ts: with
 * conv blocks); a whole run on it lands where tfjs's engine does, with no tensor left.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../../../test-support/tiny-moons';
import { generateSynthetic } from '../../data/synthetic';
import { Experiment } from '../experiment';
import { chooseSteps } from '../fused/engine-choice';
import { trainReport } from '../../../test-support/train-students';
import type { ExperimentConfig } from '../../config';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const moons = (config: ExperimentConfig) =>
  new Experiment(generateSynthetic('moons', config.samples, config.noise, config.seed), config);

describe('the engine on wasm', () => {
  it('is the fused CPU engine for dense networks, on one thread', async () => {
    const exp = moons(TINY_MOONS);
    try {
      const { steps, reason } = await chooseSteps(exp, { device: null, cpu: true });
      expect([steps.engine, steps.threads, reason]).toEqual(['fused', 1, null]);
      steps.dispose();
    } finally {
      exp.dispose();
    }
  });

  it('is tfjs without `cpu` (another backend than wasm)', async () => {
    const exp = moons(TINY_MOONS);
    try {
      const { steps, reason } = await chooseSteps(exp, { device: null });
      expect([steps.engine, reason]).toEqual(['tfjs', null]);
      steps.dispose();
    } finally {
      exp.dispose();
    }
  });

  it('trains a whole run to the same report as tfjs’s engine, within a point, no tensor left', async () => {
    const config = { ...TINY_MOONS, samples: 600, teacherEpochs: 3, studentEpochs: 3 };
    const before = tf.memory().numTensors;
    const fused = await trainReport(moons(config), 'cpu');
    const tfjs = await trainReport(moons(config), null);
    expect(tf.memory().numTensors).toBe(before);
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const [a, b] = [fused.models[role].accuracy, tfjs.models[role].accuracy];
      expect(Math.abs(a - b), `${role}: ${a} vs ${b}`).toBeLessThanOrEqual(0.01);
    }
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../config';
import { generateSynthetic } from '../data/synthetic';
import { denseStack } from '../layers';
import { Experiment } from './experiment';
import { type EpochReport, trainToEnd } from './headless';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('moons'),
  dataset: 'moons',
  samples: 200,
  teacherHidden: denseStack([8]),
  studentHidden: denseStack([3]),
  teacherEpochs: 2,
  studentEpochs: 3,
  labeledFraction: 0.2,
};

async function run(seed: number) {
  const c = { ...config, seed };
  const exp = new Experiment(generateSynthetic('moons', c.samples, c.noise, seed), c);
  const epochs: EpochReport[] = [];
  try {
    const final = await trainToEnd(exp, (r) => epochs.push(r));
    return { final, epochs };
  } finally {
    exp.dispose();
  }
}

describe('trainToEnd', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reports every epoch of every model, then final metrics with sizes', async () => {
    const before = tf.memory().numTensors;
    const { final, epochs } = await run(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs.map((e) => `${e.model}${e.epoch}`)).toEqual([
      'teacher1',
      'teacher2',
      'distilled1',
      'scratch1',
      'distilled2',
      'scratch2',
      'distilled3',
      'scratch3',
    ]);
    expect(final.teacher.parameters).toBe(2 * 8 + 8 + 8 * 2 + 2);
    expect(final.distilled.parameters).toBe(2 * 3 + 3 + 3 * 2 + 2);
    expect(final.teacher.agreement).toBeUndefined();
    expect(final.scratch.agreement).toBeGreaterThan(0);
    const last = epochs.at(-1);
    expect(last?.testAccuracy).toBe(final.scratch.accuracy);
  });

  it('gives identical numbers for the same seed and different ones for another', async () => {
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(b).toEqual(a);
    expect(c.epochs.map((e) => e.trainLoss)).not.toEqual(a.epochs.map((e) => e.trainLoss));
  });
});

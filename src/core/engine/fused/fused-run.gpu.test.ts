/**
 * Whole runs on the fused path against the tfjs engine, same seed: every model lands within a
 * point of the other engine's; the same seed twice gives identical numbers. On WebGPU in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../../config';
import { generateSynthetic } from '../../data/synthetic';
import { dense } from '../../layers';
import { Experiment } from '../experiment';
import type { FinalReport } from '../headless';
import { trainReport } from '../../../test-support/train-students';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('moons'),
  dataset: 'moons',
  samples: 1000,
  noise: 0.2,
  teacherHidden: [dense(32, 'relu'), dense(32, 'tanh', 0.1)],
  studentHidden: [dense(4, 'gelu')],
  teacherEpochs: 6,
  studentEpochs: 12,
  labeledFraction: 0.2,
  learningRate: 0.01,
  batchSize: 32,
};

async function run(fused: boolean): Promise<FinalReport> {
  const exp = new Experiment(generateSynthetic('moons', config.samples, config.noise, 5), {
    ...config,
    seed: 5,
  });
  return trainReport(exp, fused ? device : null);
}

describe('a Moons run on the fused path', () => {
  it('lands within one point of the tfjs engine on every model, and repeats exactly', async () => {
    const tfjs = await run(false);
    const fused = await run(true);
    const again = await run(true);
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const gap = fused.models[role].accuracy - tfjs.models[role].accuracy;
      expect(
        Math.abs(gap),
        `${role}: ${fused.models[role].accuracy} vs ${tfjs.models[role].accuracy}`,
      ).toBeLessThanOrEqual(0.01);
      expect(again.models[role]).toEqual(fused.models[role]);
      // A trained model, not chance on two balanced classes.
      expect(fused.models[role].accuracy).toBeGreaterThan(0.8);
    }
    expect(again.students).toEqual(fused.students);
  });
});

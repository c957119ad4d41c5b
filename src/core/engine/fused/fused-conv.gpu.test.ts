/**
 * A run with conv blocks on the fused path against the tfjs engine (CPU), same seed: a CNN
 * teacher and conv students, every model within a point of the other engine's. On WebGPU in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { Experiment } from '../experiment';
import type { FinalReport } from '../headless';
import { trainReport } from '../../../test-support/train-students';
import { runHasConv } from './fused-shapes';
import { QUADRANT_CONV_RUN, quadrantImages } from '../../../test-support/quadrant-images';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

async function run(fused: boolean): Promise<FinalReport> {
  const exp = new Experiment(quadrantImages(320, 200), QUADRANT_CONV_RUN);
  expect(runHasConv(exp)).toBe(true);
  return trainReport(exp, fused ? device : null);
}

describe('a run with conv blocks on the fused path', () => {
  it('trains a CNN teacher and conv students where the tfjs engine does, within a point', async () => {
    const tfjs = await run(false);
    const fused = await run(true);
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const [a, b] = [fused.models[role].accuracy, tfjs.models[role].accuracy];
      expect(Math.abs(a - b), `${role}: ${a} vs ${b}`).toBeLessThanOrEqual(0.01);
    }
    // Trained, not chance on four classes (here: teacher 100 %, distilled 84.5 %, scratch 71 %).
    for (const role of ['teacher', 'distilled', 'scratch'] as const)
      expect(fused.models[role].accuracy, role).toBeGreaterThan(0.5);
  });
});

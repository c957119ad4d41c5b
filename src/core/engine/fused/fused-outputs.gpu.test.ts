/**
 * The finished teacher's outputs from the fused kernels (issue 35: no forward pass left on tfjs):
 * its logits on every training row, its test predictions and its last hidden layer, against tfjs
 * running the same weights. A conv teacher, so the rows go in many chunks. On WebGPU in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { randomImages } from '../../../test-support/random-images';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../../config';
import { conv, dense } from '../../layers';
import { Experiment } from '../experiment';
import { forwardParts } from '../network';
import type { FusedEngine } from './fused-engine';
import { FusedSteps } from './fused-steps';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('mnist'),
  dataset: 'mnist',
  teacherHidden: [conv(2), dense(12, 'tanh')],
  studentHidden: [dense(6)],
  students: [
    { name: 'Hint', kind: 'hint' },
    { name: 'Scratch', kind: 'scratch' },
  ],
  labeledFraction: 1,
  batchSize: 32,
  seed: 3,
};

describe("the fused teacher's outputs", () => {
  it('are the logits, predictions and hidden layer tfjs computes from the same weights', async () => {
    const exp = new Experiment(randomImages(11, 600, 150), config);
    const steps = await FusedSteps.create(exp, device);
    try {
      for (let s = 0; s < 5; s++) steps.teacherStep(s, 0.01);
      const rows: number[] = [];
      await steps.finishTeacher(async (done) => {
        rows.push(done);
        await Promise.resolve();
      });
      expect(rows.at(-1)).toBe(750);
      // tfjs on the weights the fused teacher trained to (finishTeacher synced them).
      const { xTrain, xTest } = exp.tensors;
      const { logits, lastHidden } = forwardParts(exp.teacher.model, xTrain);
      const fused = (await exp.teacherOutputs?.soft.data()) as Float32Array;
      const expected = (await logits.data()) as Float32Array;
      expect(fused).toHaveLength(600 * 3);
      const gap = Math.max(...fused.map((v, i) => Math.abs(v - (expected[i] ?? Number.NaN))));
      expect(gap).toBeLessThan(1e-4);
      const testLogits = forwardParts(exp.teacher.model, xTest).logits;
      const want = (await tf.argMax(testLogits, 1).data()) as Int32Array;
      const got = (await exp.teacherPredictions()) as Int32Array;
      const same = got.filter((p, i) => p === want[i]).length;
      // A row whose top two logits tie to 1e-4 may go either way: nearly every row agrees.
      expect(same).toBeGreaterThanOrEqual(148);
      // The hint students' targets: the teacher's last hidden layer on every training row.
      const gpu = (steps as unknown as { kernels: FusedEngine }).kernels;
      const hidden = await gpu.outputs('teacher', 'rows', 'hidden');
      const tfjsHidden = (await lastHidden?.data()) as Float32Array;
      expect(hidden).toHaveLength(600 * 12);
      const hiddenGap = Math.max(...hidden.map((v, i) => Math.abs(v - (tfjsHidden[i] ?? NaN))));
      expect(hiddenGap).toBeLessThan(1e-4);
      tf.dispose([logits, lastHidden as tf.Tensor, testLogits]);
    } finally {
      steps.dispose();
      exp.dispose();
    }
  });
});

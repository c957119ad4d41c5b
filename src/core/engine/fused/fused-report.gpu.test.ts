/**
 * A run on the fused kernels measures its models there too (issue 35: no forward pass left on
 * tfjs): the report, the students' row-by-row comparison and the analysis's test logits come from
 * the kernels' test logits, and the whole run — teacher, soft targets, hint targets, students,
 * report — launches no tfjs matmul or convolution. Dense and conv teachers; on WebGPU in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { randomImages } from '../../../test-support/random-images';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../../config';
import { conv, dense } from '../../layers';
import { Experiment } from '../experiment';
import { trainToReport } from '../headless';
import { FusedSteps } from './fused-steps';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const base: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('mnist'),
  dataset: 'mnist',
  studentHidden: [dense(6)],
  labeledFraction: 1,
  batchSize: 32,
  teacherEpochs: 1,
  studentEpochs: 1,
  seed: 9,
};

/** The tfjs kernels that run a dense or conv network forward (or back). */
const FORWARD = /MatMul|Conv2D|Conv2d/;

/** What tfjs launches while `run` goes, by kernel name. */
async function kernelsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const info = await tf.profile(async () => {
    await run();
    return [];
  });
  return info.kernels.map((k) => k.name);
}

describe('a run on the fused kernels', () => {
  const cases: [string, ExperimentConfig][] = [
    ['dense', { ...base, teacherHidden: [dense(16)] }],
    [
      'conv, with a hint student',
      {
        ...base,
        teacherHidden: [conv(2), dense(12, 'tanh')],
        students: [
          { name: 'KD', kind: 'kd' },
          { name: 'Hint', kind: 'hint' },
          { name: 'Scratch', kind: 'scratch' },
        ],
      },
    ],
  ];
  it.each(cases)(
    '(%s) reports from the kernels, with no tfjs forward pass; tfjs agrees on the weights',
    async (_, config) => {
      const exp = new Experiment(randomImages(5, 320, 120), config);
      const steps = await FusedSteps.create(exp, device);
      try {
        let report: Awaited<ReturnType<typeof trainToReport>> | undefined;
        const kernels = await kernelsDuring(async () => {
          report = await trainToReport(exp, {}, steps);
        });
        expect(kernels.filter((k) => FORWARD.test(k))).toEqual([]);
        if (!report) throw new Error('No report.');
        // The same measures on tfjs, from the weights synced into its models, launch the kernels
        // counted above (so the count can fail) and agree but for rows whose top logits tie.
        const teacher = exp.predictor('teacher');
        exp.test.forget(teacher);
        let tfjs = { accuracy: Number.NaN };
        const counted = await kernelsDuring(async () => {
          tfjs = await exp.evaluate(teacher);
        });
        expect(counted.some((k) => FORWARD.test(k))).toBe(true);
        expect(Math.abs(tfjs.accuracy - report.models.teacher.accuracy)).toBeLessThanOrEqual(
          1 / 120,
        );
        for (const role of ['distilled', 'scratch'] as const) {
          const fused = report.models[role];
          const model = exp.predictor(role);
          const logits = await exp.test.logits(model);
          exp.test.forget(model);
          const expected = await exp.test.logits(model);
          const gap = Math.max(...logits.map((v, i) => Math.abs(v - (expected[i] ?? NaN))));
          expect(gap).toBeLessThan(1e-4);
          const again = await exp.evaluate(model);
          expect(Math.abs(again.accuracy - fused.accuracy)).toBeLessThanOrEqual(1 / 120);
        }
      } finally {
        steps.dispose();
        exp.dispose();
      }
    },
  );
});

/**
 * A run on the fused WGSL kernels measures its models there too (`expectReportFromKernels`): the
 * whole run — teacher, soft targets, hint targets, students, report — launches no tfjs matmul or
 * convolution. Dense and conv teachers; on WebGPU in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { randomImages } from '../../../test-support/random-images';
import type { ExperimentConfig } from '../../config';
import { conv, dense } from '../../layers';
import { Experiment } from '../experiment';
import { FusedSteps } from './fused-steps';
import {
  KD_HINT_SCRATCH,
  REPORT_RUN,
  expectReportFromKernels,
} from '../../../test-support/report-from-kernels';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const base = REPORT_RUN;

describe('a run on the fused kernels', () => {
  const cases: [string, ExperimentConfig][] = [
    ['dense', { ...base, teacherHidden: [dense(16)] }],
    [
      'conv, with a hint student',
      {
        ...base,
        teacherHidden: [conv(2), dense(12, 'tanh')],
        students: KD_HINT_SCRATCH,
      },
    ],
  ];
  it.each(cases)(
    '(%s) reports from the kernels, with no tfjs forward pass; tfjs agrees on the weights',
    async (_, config) => {
      const exp = new Experiment(randomImages(5, 320, 120), config);
      const steps = await FusedSteps.create(exp, device);
      try {
        await expectReportFromKernels(exp, steps);
      } finally {
        steps.dispose();
        exp.dispose();
      }
    },
  );
});

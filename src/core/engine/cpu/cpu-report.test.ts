/**
 * A run on the fused CPU engine measures its models there too (`expectReportFromKernels`): the
 * whole run — teacher, soft targets, hint targets, students, report — launches no tfjs matmul, and
 * tfjs agrees on the synced weights. A dense teacher, then a CNN teacher, each with KD, hint and
 * scratch students.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { randomImages } from '../../../test-support/random-images';
import {
  KD_HINT_SCRATCH,
  REPORT_RUN,
  expectReportFromKernels,
} from '../../../test-support/report-from-kernels';
import type { ExperimentConfig } from '../../config';
import { conv, dense } from '../../layers';
import { Experiment } from '../experiment';
import { FusedSteps } from '../fused/fused-steps';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: ExperimentConfig = {
  ...REPORT_RUN,
  teacherHidden: [dense(16, 'relu', 0.2), dense(12, 'tanh')],
  students: KD_HINT_SCRATCH,
};

describe('a run on the fused CPU engine', () => {
  const cnn = { ...config, teacherHidden: [conv(4), dense(12, 'tanh')] };
  it.each([
    ['dense', config],
    ['CNN', cnn],
  ])(
    '%s teacher: reports from the engine, with no tfjs forward pass; tfjs agrees on the weights',
    async (_, run) => {
      const exp = new Experiment(randomImages(5, 320, 120), run);
      const steps = await FusedSteps.onCpu(exp);
      try {
        await expectReportFromKernels(exp, steps);
      } finally {
        steps.dispose();
        exp.dispose();
      }
    },
  );
});

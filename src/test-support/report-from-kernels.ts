/**
 * A run on a fused engine measures its models there too (issue 35: no forward pass left on
 * tfjs): trains `exp` to its report on `steps` and checks that no tfjs matmul or convolution ran,
 * that tfjs's own measures (which do launch them, so the count can fail) agree, and that the
 * students' test logits are tfjs's on the synced weights. For both fused engines' tests.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../core/config';
import type { Experiment } from '../core/engine/experiment';
import { dense } from '../core/layers';
import type { StudentSpec } from '../core/students';
import { trainToReport } from '../core/engine/headless';
import type { TrainingSteps } from '../core/engine/training-steps';

/** The runs these checks train: 28 × 28 rows, every label, one epoch of each phase. */
export const REPORT_RUN: ExperimentConfig = {
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

/** Students that read every teacher output a run forms: soft targets and hint targets. */
export const KD_HINT_SCRATCH: StudentSpec[] = [
  { name: 'KD', kind: 'kd' },
  { name: 'Hint', kind: 'hint' },
  { name: 'Scratch', kind: 'scratch' },
];

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

export async function expectReportFromKernels(
  exp: Experiment,
  steps: TrainingSteps,
): Promise<void> {
  let report: Awaited<ReturnType<typeof trainToReport>> | undefined;
  const kernels = await kernelsDuring(async () => {
    report = await trainToReport(exp, {}, steps);
  });
  expect(kernels.filter((k) => FORWARD.test(k))).toEqual([]);
  if (!report) throw new Error('No report.');
  // A row whose top logits tie may go either way: one row of the test set.
  const row = 1 / exp.dataset.yTest.length;
  // The same measures on tfjs, from the weights synced into its models, launch the kernels
  // counted above (so the count can fail) and agree but for rows whose top logits tie.
  const teacher = exp.predictor('teacher');
  exp.test.forget(teacher);
  let tfjs = { accuracy: Number.NaN };
  const counted = await kernelsDuring(async () => {
    tfjs = await exp.evaluate(teacher);
  });
  expect(counted.some((k) => FORWARD.test(k))).toBe(true);
  expect(Math.abs(tfjs.accuracy - report.models.teacher.accuracy)).toBeLessThanOrEqual(row);
  for (const role of ['distilled', 'scratch'] as const) {
    const fused = report.models[role];
    const model = exp.predictor(role);
    const logits = await exp.test.logits(model);
    exp.test.forget(model);
    const expected = await exp.test.logits(model);
    const gap = Math.max(...logits.map((v, i) => Math.abs(v - (expected[i] ?? NaN))));
    expect(gap).toBeLessThan(1e-4);
    const again = await exp.evaluate(model);
    expect(Math.abs(again.accuracy - fused.accuracy)).toBeLessThanOrEqual(row);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import golden from '../testdata/distillation-loss-golden.json';
import { GOLDEN_CASES } from '../../test-support/golden';
import { distillationLoss, distillationTerms, hardTerm } from './distill';

const cases = GOLDEN_CASES;

/** float32 agreement: 1e-5 relative, with an absolute floor for values near zero. */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    1e-5 * Math.max(Math.abs(expected), 1e-1),
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('distillationLoss against the PyTorch golden file', () => {
  it('has cases that cover both extremes of alpha and several temperatures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    expect(new Set(cases.map((c) => c.alpha))).toContain(0);
    expect(new Set(cases.map((c) => c.temperature)).size).toBeGreaterThan(1);
  });

  const shared = join(
    import.meta.dirname,
    '../../../../shared/reference/distillation-loss-golden.json',
  );
  // Reported as skipped, not passed, where the reference folder beside the repository is absent.
  it.skipIf(!existsSync(shared))('is a faithful copy of ../shared/reference', () => {
    expect(JSON.parse(readFileSync(shared, 'utf8'))).toEqual(golden);
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i: terms, loss and gradient', (_i, c) => {
    const student = tf.tensor2d(c.studentLogits);
    const teacher = tf.tensor2d(c.teacherLogits);
    const labels = tf.tensor1d(c.labels, 'int32');
    const opts = { temperature: c.temperature, alpha: c.alpha };

    const { soft, hard } = distillationTerms(student, teacher, labels, opts);
    expectClose(soft.dataSync()[0] as number, c.soft);
    expectClose(hard.dataSync()[0] as number, c.hard);

    const { value, grad } = tf.valueAndGrad((s: tf.Tensor) =>
      distillationLoss(s as tf.Tensor2D, teacher, labels, opts),
    )(student);
    expectClose(value.dataSync()[0] as number, c.loss);
    const g = grad.arraySync() as number[][];
    c.gradStudentLogits.forEach((row, r) => {
      row.forEach((expected, k) => {
        expectClose(g[r]?.[k] as number, expected);
      });
    });
    tf.dispose([student, teacher, labels, soft, hard, value, grad]);
  });
});

describe('hard term with a label mask', () => {
  it('averages over labelled rows only and is zero when none is labelled', () => {
    const logits = tf.tensor2d([
      [2, 0],
      [0, 2],
      [5, -5],
    ]);
    const labels = tf.tensor1d([0, 0, 1], 'int32');
    const all = hardTerm(logits, labels).dataSync()[0] as number;
    const firstTwo = hardTerm(logits, labels, tf.tensor1d([1, 1, 0])).dataSync()[0] as number;
    const none = hardTerm(logits, labels, tf.tensor1d([0, 0, 0])).dataSync()[0] as number;
    const ce = (a: number, b: number) => -a + Math.log(Math.exp(a) + Math.exp(b));
    expect(firstTwo).toBeCloseTo((ce(2, 0) + ce(0, 2)) / 2, 5);
    expect(all).toBeCloseTo((ce(2, 0) + ce(0, 2) + ce(-5, 5)) / 3, 5);
    expect(none).toBe(0);
  });
});

/**
 * The pure method losses against PyTorch's golden cases (GOLDEN_METHODS, default the copy in
 * testdata): every case of every method — loss, terms and gradients within 1e-5 relative.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GOLDEN_METHODS, closeTo, goldenMethodCases } from '../test-support/methods-golden';
import { dkdLoss, hintLoss, kdLoss, lsLoss } from './method-losses';

const cases = goldenMethodCases();

function expectMatrix(actual: number[][], expected: number[][], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    row.forEach((v, c) => {
      expect(closeTo(v, expected[i]?.[c] ?? NaN, tolerance), `[${i}][${c}] ${v}`).toBe(true);
    });
  });
}

describe('the methods against the PyTorch golden cases', () => {
  it('covers every method, masked and unmasked rows, and DKD with a warm-up', () => {
    expect(new Set(cases.map((c) => c.method))).toEqual(new Set(['kd', 'dkd', 'ls', 'hint']));
  });

  const shared = join(import.meta.dirname, '../../../shared/reference/methods-golden.json');
  // Reported as skipped where the reference folder beside the repository is absent.
  it.skipIf(!existsSync(shared))('testdata holds a faithful copy of ../shared/reference', () => {
    expect(readFileSync(DEFAULT_GOLDEN_METHODS, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });

  it('fails on a file it cannot read or a method it does not know', () => {
    expect(() => goldenMethodCases('/nonexistent/golden.json')).toThrow();
    const unknown = join(import.meta.dirname, 'testdata/distillation-loss-golden.json');
    expect(() => goldenMethodCases(unknown)).toThrow(/unknown method/);
  });

  it.each(cases.map((c, i) => [i, c.method, c] as const))('case %i (%s)', (_i, _m, c) => {
    const tol = 1e-5;
    if (c.method === 'hint') {
      const h = hintLoss(
        c.studentHidden,
        c.teacherHidden,
        c.regressorWeight,
        c.regressorBias,
        c.params.gamma,
      );
      expect(closeTo(h.loss, c.loss, tol)).toBe(true);
      expectMatrix(h.gradHidden, c.gradStudentHidden, tol);
      expectMatrix(h.gradWeight, c.gradRegressorWeight, tol);
      expectMatrix([h.gradBias], [c.gradRegressorBias], tol);
      return;
    }
    const out =
      c.method === 'kd'
        ? kdLoss(c.studentLogits, c.teacherLogits, c.labels, c.labelMask, c.params)
        : c.method === 'dkd'
          ? dkdLoss(c.studentLogits, c.teacherLogits, c.labels, c.labelMask, c.params)
          : lsLoss(c.studentLogits, c.labels, c.labelMask, c.params);
    expect(closeTo(out.loss, c.loss, tol), `loss ${out.loss} vs ${c.loss}`).toBe(true);
    if ('terms' in c) {
      for (const [name, value] of Object.entries(c.terms)) {
        expect(closeTo(out.terms[name] ?? NaN, value, tol), name).toBe(true);
      }
    }
    expectMatrix(out.grad, c.gradStudentLogits, tol);
  });
});

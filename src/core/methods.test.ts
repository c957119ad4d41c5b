import { describe, expect, it } from 'vitest';
import { methodProblem, paramsText, warmupFactor } from './methods';

const fine = {
  classes: 10,
  importedTeacher: false,
  teacherLastDense: true,
  studentLastDense: true,
};

describe('methods', () => {
  it('refuses DKD on two classes and hints it cannot read, with the reason', () => {
    expect(methodProblem('dkd', { ...fine, classes: 2 })).toMatch(/^DKD needs at least 3 classes/);
    expect(methodProblem('hint', { ...fine, importedTeacher: true })).toMatch(/imported teacher/);
    expect(methodProblem('hint', { ...fine, studentLastDense: false })).toMatch(/dense last/);
    expect(methodProblem('kd', { ...fine, classes: 2, importedTeacher: true })).toBeNull();
  });

  it("takes mdistiller's warm-up, epochs counted from 1", () => {
    expect(warmupFactor(0, 0)).toBe(1);
    expect(warmupFactor(4, 0)).toBe(0.25);
    expect(warmupFactor(4, 9)).toBe(1);
  });

  it('writes a method’s parameters, its own only when asked', () => {
    expect(paramsText({ kind: 'dkd', beta: 4 })).toBe('T 4 α 1 β 4 ce 1 warm-up 0');
    expect(paramsText({ kind: 'dkd', beta: 4 }, true)).toBe('β 4');
  });
});

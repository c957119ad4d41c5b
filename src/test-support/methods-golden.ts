/**
 * The methods' golden cases (PyTorch, float64), read from the file `GOLDEN_METHODS` names —
 * default: the copy of ../shared/reference/methods-golden.json in src/core/testdata. A file that
 * cannot be read, or a case of a method this project does not know, throws: the tests that use
 * the cases fail instead of skipping them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_GOLDEN_METHODS = join(
  import.meta.dirname,
  '../core/testdata/methods-golden.json',
);

interface Logits {
  studentLogits: number[][];
  labels: number[];
  labelMask: number[];
  gradStudentLogits: number[][];
  loss: number;
}

export type MethodCase =
  | (Logits & {
      method: 'kd';
      params: { temperature: number; alpha: number };
      teacherLogits: number[][];
      terms: { soft: number; hard: number };
    })
  | (Logits & {
      method: 'dkd';
      params: { temperature: number; alpha: number; beta: number; ce: number; warmup: number };
      teacherLogits: number[][];
      terms: { tckd: number; nckd: number; hard: number };
    })
  | (Logits & { method: 'ls'; params: { epsilon: number } })
  | {
      method: 'hint';
      params: { gamma: number };
      studentHidden: number[][];
      teacherHidden: number[][];
      regressorWeight: number[][];
      regressorBias: number[];
      loss: number;
      gradStudentHidden: number[][];
      gradRegressorWeight: number[][];
      gradRegressorBias: number[];
    };

const METHODS = ['kd', 'dkd', 'ls', 'hint'];

export function goldenMethodCases(
  path = process.env.GOLDEN_METHODS ?? DEFAULT_GOLDEN_METHODS,
): MethodCase[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { cases?: { method?: unknown }[] };
  if (!Array.isArray(file.cases) || file.cases.length === 0) {
    throw new Error(`${path} holds no cases.`);
  }
  for (const c of file.cases) {
    if (!METHODS.includes(String(c.method))) {
      throw new Error(`${path}: a case of unknown method "${String(c.method)}".`);
    }
  }
  return file.cases as MethodCase[];
}

/** |actual − expected| within `relative` of the expected value (with a floor near zero). */
export function closeTo(actual: number, expected: number, relative: number): boolean {
  return Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-1);
}

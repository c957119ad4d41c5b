/**
 * Each library's KD loss recomputed from its own definition (written out here, not with our
 * functions), against ours through the translation `conventions.ts` gives: equal numbers, or
 * equal up to the constant or the factor it names.
 */
import { describe, expect, it } from 'vitest';
import { type MethodCase, goldenMethodCases } from '../test-support/methods-golden';
import { kerasKd, repDistillerKd, textBrewerKd, torchdistillKd } from './conventions';
import { kdLoss } from './method-losses';

const softmax = (row: readonly number[], T = 1) => {
  const top = Math.max(...row);
  const e = row.map((v) => Math.exp((v - top) / T));
  const sum = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / sum);
};
const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length;

const kd = goldenMethodCases().find(
  (c): c is Extract<MethodCase, { method: 'kd' }> => c.method === 'kd',
);
if (!kd) throw new Error('the golden file has no KD case');
const { studentLogits: s, teacherLogits: t, labels } = kd;
const n = s.length;

/** Batch-mean cross-entropy against the labels (every row labelled, as the libraries take it). */
const ce = mean(s.map((row, i) => -Math.log(softmax(row)[labels[i] ?? 0] ?? 1)));
/** Σₖ p_t log(p_t / p_s) at T, per row. */
const klRows = (T: number) =>
  s.map((row, i) => {
    const [ps, pt] = [softmax(row, T), softmax(t[i] ?? [], T)];
    return pt.reduce((a, p, k) => a + p * Math.log(p / (ps[k] ?? 1)), 0);
  });
/** −Σₖ p_t log p_s at T, per row (TextBrewer's soft cross-entropy). */
const softCeRows = (T: number) =>
  s.map((row, i) => {
    const [ps, pt] = [softmax(row, T), softmax(t[i] ?? [], T)];
    return -pt.reduce((a, p, k) => a + p * Math.log(ps[k] ?? 1), 0);
  });
const entropy = (T: number) =>
  mean(t.map((row) => -softmax(row, T).reduce((a, p) => a + p * Math.log(p), 0)));

const ours = (alpha: number, temperature: number) =>
  kdLoss(s, t, labels, undefined, { temperature, alpha }).loss;

const settings = [
  [0.7, 4],
  [0.25, 2],
  [0.9, 20],
] as const;

describe('our KD in the other libraries’ conventions', () => {
  it.each(settings)('torchdistill, α = %f, T = %f', (alpha, T) => {
    const theirAlpha = torchdistillKd(alpha).hardWeight;
    const theirs = theirAlpha * ce + (1 - theirAlpha) * T * T * mean(klRows(T));
    expect(theirs).toBeCloseTo(ours(alpha, T), 10);
    expect(theirAlpha).toBeCloseTo(1 - alpha, 12);
  });

  it.each(settings)('the Keras example, α = %f, T = %f', (alpha, T) => {
    const { hardWeight: theirAlpha, scale } = kerasKd(alpha, T);
    const theirs = theirAlpha * ce + (1 - theirAlpha) * mean(klRows(T));
    expect(theirs).toBeCloseTo(ours(alpha, T) * scale, 10);
  });

  it.each(settings)('TextBrewer, α = %f, T = %f', (alpha, T) => {
    const { hardWeight, softWeight } = textBrewerKd(alpha, T);
    const theirs = softWeight * mean(softCeRows(T)) + hardWeight * ce;
    expect(theirs).toBeCloseTo(ours(alpha, T) + alpha * T * T * entropy(T), 10);
  });

  it.each(settings)('RepDistiller, α = %f, T = %f', (alpha, T) => {
    const { hardWeight: gamma, softWeight: theirAlpha } = repDistillerKd(alpha);
    const summed = klRows(T).reduce((a, v) => a + v, 0);
    const theirs = gamma * ce + theirAlpha * ((summed * T * T) / n);
    expect(theirs).toBeCloseTo(ours(alpha, T), 10);
  });
});

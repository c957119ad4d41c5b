import { describe, expect, it } from 'vitest';
import { argmaxRows, confusionMatrix, perClassAccuracy, rowsInCell } from './confusion';
import { entropyBits, softmaxAt } from './soft-targets';

describe('confusion matrix', () => {
  const labels = [0, 0, 0, 1, 1, 2, 2, 2, 2];
  const predictions = [0, 1, 0, 1, 1, 2, 0, 2, 1];

  it('counts true class by row and predicted class by column', () => {
    expect([...confusionMatrix(labels, predictions, 3)]).toEqual([2, 1, 0, 0, 2, 0, 1, 1, 2]);
  });

  it('gives per-class accuracy, NaN for a class with no test rows', () => {
    expect(perClassAccuracy(confusionMatrix(labels, predictions, 3), 3)).toEqual([2 / 3, 1, 0.5]);
    expect(perClassAccuracy(confusionMatrix([0], [0], 2), 2)).toEqual([1, Number.NaN]);
  });

  it('lists the rows of one cell', () => {
    expect(rowsInCell(labels, predictions, 2, 0)).toEqual([6]);
    expect(rowsInCell(labels, predictions, 0, 0)).toEqual([0, 2]);
  });

  it('takes argmax of each row, the first on ties', () => {
    const logits = Float32Array.from([0.1, 0.9, 0.2, 3, 3, -1]);
    expect([...argmaxRows(logits, 3)]).toEqual([1, 0]);
  });
});

describe('soft targets', () => {
  it('softens with temperature and keeps the ranking', () => {
    const logits = [2, 1, 0];
    const t1 = softmaxAt(logits, 1);
    const t4 = softmaxAt(logits, 4);
    expect(t1.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(t1[0]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1), 12);
    expect(t4[0]).toBeLessThan(t1[0] as number);
    expect(t4[2]).toBeGreaterThan(t1[2] as number);
    expect(softmaxAt([1000, 0], 1)).toEqual([1, 0]);
  });

  it('measures entropy in bits', () => {
    expect(entropyBits([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(2, 12);
    expect(entropyBits([1, 0, 0])).toBe(0);
    expect(entropyBits([0.5, 0.5])).toBeCloseTo(1, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { classSimilarity, confusedPairs, mapDistance } from './class-similarity';

describe('class similarity', () => {
  // Three classes, four test rows: two of class 0, one of class 1, one of class 2.
  const logits = Float32Array.from([2, 0, 0, 0, 2, 0, 0, 1, 1, 1, 0, 3]);
  const labels = Int32Array.from([0, 0, 1, 2]);

  it('averages each true class’s soft targets at T (by hand)', () => {
    const map = classSimilarity(logits, labels, 3, 1);
    const e2 = Math.exp(2);
    // Row 0: softmax(2,0,0) and softmax(0,2,0) averaged.
    const big = e2 / (e2 + 2);
    const small = 1 / (e2 + 2);
    expect(map[0]).toBeCloseTo((big + small) / 2, 12);
    expect(map[1]).toBeCloseTo((small + big) / 2, 12);
    expect(map[2]).toBeCloseTo(small, 12);
    // Row 1: softmax(0,1,1).
    expect(map[3]).toBeCloseTo(1 / (1 + 2 * Math.E), 12);
    expect(map[4]).toBeCloseTo(Math.E / (1 + 2 * Math.E), 12);
    for (let t = 0; t < 3; t++) {
      expect((map[3 * t] ?? 0) + (map[3 * t + 1] ?? 0) + (map[3 * t + 2] ?? 0)).toBeCloseTo(1, 12);
    }
  });

  it('flattens towards uniform as T grows, and leaves a class with no rows at zero', () => {
    const hot = classSimilarity(logits, labels, 3, 1000);
    for (const v of hot) expect(v).toBeCloseTo(1 / 3, 2);
    const missing = classSimilarity(logits, Int32Array.from([0, 0, 1, 1]), 3, 1);
    expect(Array.from(missing.subarray(6))).toEqual([0, 0, 0]);
  });

  it('measures distance as mean total variation: 0 for the same map, 1 for disjoint ones', () => {
    const a = Float64Array.from([1, 0, 0, 1]);
    const b = Float64Array.from([0, 1, 1, 0]);
    expect(mapDistance(a, a, 2)).toBe(0);
    expect(mapDistance(a, b, 2)).toBe(1);
    expect(mapDistance(a, Float64Array.from([0.5, 0.5, 0, 1]), 2)).toBeCloseTo(0.25, 12);
  });

  it('names the pairs that give each other the most probability, both ways averaged', () => {
    const map = Float64Array.from([0.7, 0.2, 0.1, 0.3, 0.6, 0.1, 0.05, 0.05, 0.9]);
    const pairs = confusedPairs(map, 3, 2);
    expect(pairs.map(({ a, b }) => [a, b])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(pairs[0]?.share).toBeCloseTo(0.25, 12);
    expect(pairs[1]?.share).toBeCloseTo(0.075, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats';

describe('percentile', () => {
  it('interpolates between ranks like NumPy', () => {
    const sorted = [1, 2, 3, 4];
    expect(percentile(sorted, 50)).toBe(2.5);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 100)).toBe(4);
    // numpy.percentile([1, 2, 3, 4], 95) == 3.85
    expect(percentile(sorted, 95)).toBeCloseTo(3.85, 12);
  });

  it('is the only value of a single sample and NaN of none', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts before ranking and reports count, p50, p95, mean, min and max', () => {
    // 1..20 shuffled: numpy.percentile(range(1, 21), [50, 95]) == [10.5, 19.05]
    const samples = [13, 2, 20, 7, 1, 16, 9, 4, 18, 11, 5, 14, 3, 19, 8, 12, 6, 17, 10, 15];
    const s = summarize(samples);
    expect(s.runs).toBe(20);
    expect(s.p50).toBe(10.5);
    expect(s.p95).toBeCloseTo(19.05, 12);
    expect(s.mean).toBe(10.5);
    expect([s.min, s.max]).toEqual([1, 20]);
    expect(samples[0]).toBe(13);
  });

  it('is all NaN without samples', () => {
    const s = summarize([]);
    expect(s.runs).toBe(0);
    expect([s.p50, s.p95, s.mean, s.min, s.max].every(Number.isNaN)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { boundSeries } from './series-bound';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('a live curve within its bound', () => {
  it('is left alone under the bound', () => {
    const series = range(10);
    expect(boundSeries(series, 10)).toBe(series);
  });

  it('keeps its first point and its latest half, thinning what lies between', () => {
    const bounded = boundSeries(range(101), 100);
    expect(bounded.length).toBeLessThanOrEqual(100);
    expect(bounded[0]).toBe(0);
    expect(bounded.slice(-50)).toEqual(range(101).slice(-50));
    // The older part, every other point, in order.
    expect(bounded.slice(0, 3)).toEqual([0, 2, 4]);
  });

  it('stays within the bound, in order, start kept, over a long run fed in pieces', () => {
    let series: number[] = [];
    let last = 0;
    for (let start = 0; start < 100_000; start += 37) {
      series = boundSeries([...series, ...range(37).map((i) => start + i)], 1000);
      last = start + 36;
      expect(series.length).toBeLessThanOrEqual(1000);
    }
    expect(series[0]).toBe(0);
    expect(series.at(-1)).toBe(last);
    for (let i = 1; i < series.length; i++) {
      expect(series[i] as number).toBeGreaterThan(series[i - 1] as number);
    }
    // The latest stretch dense: its last 500 points consecutive.
    const tail = series.slice(-500);
    expect((tail.at(-1) as number) - (tail[0] as number)).toBe(499);
  });
});

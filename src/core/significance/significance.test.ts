import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { countPaired, mcnemarExactP, pairedDifference } from './paired';
import { meanInterval, pairedSeeds } from './seeds';
import { logGamma } from './special';
import { tCdf, tQuantile } from './student-t';

describe('special functions', () => {
  it('logGamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe('Student t', () => {
  // Two-sided 95 % critical values, t(0.975, df), as every statistics table prints them.
  const TABLE: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [6, 2.447],
    [7, 2.365],
    [8, 2.306],
    [9, 2.262],
  ];
  it.each(TABLE)('t(0.975, %i) = %f', (df, value) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(value, 3);
  });
  it('df 1 is the Cauchy distribution, whose CDF is ½ + atan(t)/π', () => {
    for (const t of [-3, -0.5, 0, 0.7, 10]) {
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
    }
  });
  it('is symmetric', () => {
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(tQuantile(0.5, 4)).toBe(0);
  });
});

describe('McNemar exact test', () => {
  it('is a doubled binomial tail with p = ½', () => {
    // 1 vs 5 discordant rows: P(X ≤ 1) for Bin(6, ½) = (1 + 6) / 64; two-sided 14/64.
    expect(mcnemarExactP(1, 5)).toBeCloseTo(14 / 64, 14);
    expect(mcnemarExactP(5, 1)).toBeCloseTo(14 / 64, 14);
    // 0 vs 10: 2 / 1024.
    expect(mcnemarExactP(0, 10)).toBeCloseTo(2 / 1024, 14);
    // 2 vs 8: 2 · (1 + 10 + 45) / 1024 = 112 / 1024.
    expect(mcnemarExactP(2, 8)).toBeCloseTo(112 / 1024, 14);
  });
  it('caps at 1 for balanced counts and none', () => {
    expect(mcnemarExactP(3, 3)).toBe(1);
    expect(mcnemarExactP(0, 0)).toBe(1);
  });
  it('stays finite for thousands of discordant rows (where 2^-n underflows)', () => {
    const p = mcnemarExactP(1000, 1100);
    // The normal approximation with continuity correction: z = (|b − c| − 1) / √(b + c).
    const z = 99 / Math.sqrt(2100);
    expect(p).toBeGreaterThan(0.025);
    expect(p).toBeLessThan(0.04);
    expect(z).toBeCloseTo(2.16, 2);
    expect(mcnemarExactP(0, 2000)).toBe(0);
  });
});

describe('paired difference', () => {
  it('reproduces the worked example (Agresti, presidential approval, 1,600 people)', () => {
    // 794 approve twice, 150 approve then not, 86 the reverse, 570 never: 0.59 vs 0.55.
    // With ½ added to each cell: b = 150.5, c = 86.5, n = 1,602, centre 64 / 1,602 = 0.03995,
    // se = √(237 − 64² / 1,602) / 1,602 = 0.009558, so 0.03995 ± 1.96 · 0.009558.
    const d = pairedDifference({ n: 1600, onlyFirst: 150, onlySecond: 86 });
    expect(d.difference).toBeCloseTo(0.04, 12);
    expect(d.low).toBeCloseTo(0.02122, 4);
    expect(d.high).toBeCloseTo(0.05868, 4);
    expect(d.p).toBeLessThan(0.0001);
  });
  it('gives identical models a difference of 0, p = 1 and a narrow interval around 0', () => {
    const d = pairedDifference({ n: 2000, onlyFirst: 0, onlySecond: 0 });
    expect(d.difference).toBe(0);
    expect(d.p).toBe(1);
    expect(d.low).toBeCloseTo(-1.96 / 2002, 5);
    expect(d.high).toBeCloseTo(1.96 / 2002, 5);
  });
  it('counts discordant rows', () => {
    expect(countPaired([1, 1, 0, 0, 1], [1, 0, 1, 0, 0])).toEqual({
      n: 5,
      onlyFirst: 2,
      onlySecond: 1,
    });
  });
  it('covers the true difference in about 95 % of seeded synthetic experiments', () => {
    const rng = createRng(7);
    // Two correlated classifiers on 500 rows: A right 80 %, B right 75 %; true difference 0.05.
    const trials = 2000;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 500; i++) {
        const u = rng.next();
        // Cells: both right 0.70, only A 0.10, only B 0.05, neither 0.15.
        a.push(u < 0.8 ? 1 : 0);
        b.push(u < 0.7 || (u >= 0.8 && u < 0.85) ? 1 : 0);
      }
      const d = pairedDifference(countPaired(a, b));
      if (d.low <= 0.05 && 0.05 <= d.high) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });
});

describe('across seeds', () => {
  it('gives the mean with a Student-t interval', () => {
    // Mean 0.9, sd 0.01 over 3 seeds: half-width 4.303 · 0.01 / √3 = 0.024843.
    const m = meanInterval([0.89, 0.9, 0.91]);
    expect(m.mean).toBeCloseTo(0.9, 12);
    expect(m.sd).toBeCloseTo(0.01, 12);
    expect(m.half).toBeCloseTo(0.024843, 5);
    expect(m.low).toBeCloseTo(0.9 - 0.024843, 5);
  });
  it('has no interval for one seed', () => {
    const m = meanInterval([0.9]);
    expect(m.mean).toBe(0.9);
    expect(m.half).toBeNaN();
  });
  it('tests paired differences over seeds', () => {
    // Differences 0.05, 0.07, 0.06: mean 0.06, sd 0.01, t = 0.06 / (0.01 / √3) = 10.392, df 2.
    const s = pairedSeeds([0.9, 0.92, 0.91], [0.85, 0.85, 0.85]);
    expect(s.mean).toBeCloseTo(0.06, 12);
    // Two-sided p for t = 10.392 with 2 df: 1 − t/√(t² + 2) = 0.009133.
    expect(s.p).toBeCloseTo(1 - 10.392304 / Math.sqrt(10.392304 ** 2 + 2), 6);
    expect(pairedSeeds([0.8, 0.8], [0.8, 0.8]).p).toBe(1);
    // Two seeds far apart: t's interval would pass ±1; a difference of accuracies cannot.
    const wide = pairedSeeds([0.9, 0.2], [0.1, 0.6]);
    expect([wide.low, wide.high]).toEqual([-1, 1]);
  });
});

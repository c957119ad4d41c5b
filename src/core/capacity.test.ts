import { describe, expect, it } from 'vitest';
import {
  type CapacityRow,
  type SizeResult,
  capacityAcrossSeeds,
  capacityFromSeed,
  capacityStudents,
  describeCapacity,
  parseSizes,
  wilson,
} from './capacity';
import { denseStack } from './layers';

describe('parseSizes', () => {
  it('reads one width per network or several joined by x', () => {
    expect(parseSizes('8, 16,32')).toEqual({ ok: true, sizes: [[8], [16], [32]] });
    expect(parseSizes('32x32,64x64')).toEqual({
      ok: true,
      sizes: [
        [32, 32],
        [64, 64],
      ],
    });
  });

  it.each([
    ['', /at least one/],
    ['8,abc', /"abc" is not widths/],
    ['8,0', /"0" is not widths/],
    ['8,8', /8 is listed twice/],
    ['1,2,3,4,5,6,7,8,9', /At most 8 networks/],
    ['8x8x8x8x8x8x8x8x8', /at most 8 layers/],
  ])('refuses %j, naming why', (text, error) => {
    const result = parseSizes(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('capacityStudents', () => {
  it('gives each network a KD student and its scratch twin, in order', () => {
    expect(capacityStudents([[8], [16, 16]])).toEqual([
      { name: 'KD 8', kind: 'kd', hidden: denseStack([8]) },
      { name: 'Scratch 8', kind: 'scratch', hidden: denseStack([8]) },
      { name: 'KD 16x16', kind: 'kd', hidden: denseStack([16, 16]) },
      { name: 'Scratch 16x16', kind: 'scratch', hidden: denseStack([16, 16]) },
    ]);
  });
});

describe('wilson', () => {
  it("matches the score interval's textbook value", () => {
    // 50 of 100: 0.5 ± 1.96·√(0.25/100 + 1.96²/40000) / (1 + 1.96²/100).
    const { low, high } = wilson(0.5, 100);
    expect(low).toBeCloseTo(0.4038, 4);
    expect(high).toBeCloseTo(0.5962, 4);
    // Never outside 0–1, even at the edge.
    expect(wilson(1, 20).high).toBeCloseTo(1, 12);
    expect(wilson(1, 20).low).toBeCloseTo(0.8389, 4);
  });
});

const size = (hidden: string, parameters: number, d: number, s: number, only: [number, number]) =>
  ({
    hidden,
    parameters,
    distilled: d,
    scratch: s,
    counts: { n: 1000, onlyFirst: only[0], onlySecond: only[1] },
  }) satisfies SizeResult;

describe('capacityFromSeed', () => {
  it('gives the paired gain with McNemar p, Holm-adjusted over the sizes', () => {
    const rows = capacityFromSeed([
      size('8', 100, 0.8, 0.7, [150, 50]),
      size('64', 900, 0.9, 0.9, [20, 20]),
    ]);
    expect(rows[0]?.gain.difference).toBeCloseTo(0.1, 12);
    expect(rows[0]?.gain.p).toBeLessThan(1e-6);
    expect(rows[0]?.gain.pHolm).toBeCloseTo(2 * (rows[0]?.gain.p ?? 0), 12);
    expect(rows[1]?.gain.difference).toBe(0);
    expect(rows[1]?.gain.pHolm).toBe(1);
    expect(rows[0]?.distilled.low).toBeLessThan(0.8);
  });
});

describe('capacityAcrossSeeds', () => {
  it('pairs each size by seed: mean gain, t interval and p', () => {
    const seeds = [0.1, 0.12, 0.08].map((g) => [size('8', 100, 0.7 + g, 0.7, [0, 0])]);
    const [row] = capacityAcrossSeeds(seeds);
    expect(row?.gain.difference).toBeCloseTo(0.1, 12);
    expect(row?.gain.low).toBeGreaterThan(0);
    expect(row?.gain.p).toBeLessThan(0.05);
    expect(row?.scratch.testAccuracy).toBeCloseTo(0.7, 12);
    expect(row?.scratch.high).toBeCloseTo(0.7, 12);
  });
});

describe('describeCapacity', () => {
  const row = (hidden: string, parameters: number, difference: number, pHolm: number) =>
    ({
      hidden,
      parameters,
      distilled: { testAccuracy: 0.8, low: 0.78, high: 0.82 },
      scratch: { testAccuracy: 0.8 - difference, low: 0, high: 1 },
      gain: { difference, low: difference - 0.02, high: difference + 0.02, p: pHolm, pHolm },
    }) satisfies CapacityRow;

  it('names where the gain is largest and from where it is noise', () => {
    const text = describeCapacity(
      [row('64', 6000, 0.01, 0.4), row('8', 800, 0.06, 0.001), row('16', 1600, 0.08, 0.001)],
      '1 seed',
    );
    expect(text).toMatch(/helps most at 16 \(1,600 parameters\): \+8\.0 points/);
    expect(text).toMatch(/from 64 \(6,000 parameters\) up it is not distinguishable from noise/);
  });

  it('says when the gain holds to the largest network, and when there is none', () => {
    expect(describeCapacity([row('8', 800, 0.05, 0.01)], '3 seeds')).toMatch(
      /holds up to the largest network tried/,
    );
    expect(
      describeCapacity([row('8', 800, 0.01, 0.3), row('16', 1600, -0.05, 0.01)], '1 seed'),
    ).toBe(
      "At no size is the distilled student's gain more than chance could explain (1 seed, Holm-adjusted over 2 sizes). Distillation cost accuracy at 16.",
    );
  });
});

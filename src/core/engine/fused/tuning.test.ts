import { describe, expect, it } from 'vitest';
import type { MatmulShape } from './matmul-shapes';
import {
  defaultVariant,
  variantByName,
  variantName,
  VARIANTS,
  variantsFor,
} from './matmul-variants';
import { describeTuning, memoryStore, storedChoice, tunable, tuningKey, untuned } from './tuning';
import { pick } from './variant-timing';

const big: MatmulShape = { role: 'forward', m: 128, n: 512, k: 784 };
const mid: MatmulShape = { role: 'dW', m: 785, n: 32, k: 128 };
const small: MatmulShape = { role: 'dX', m: 128, n: 32, k: 10 };

describe('which shapes are tuned', () => {
  it('each once, largest first, none under 1/64 of the largest or under 2²⁰ multiply-adds', () => {
    expect(tunable([small, mid, big, mid])).toEqual([big, mid]);
    const moons: MatmulShape = { role: 'forward', m: 32, n: 16, k: 2 };
    expect(tunable([moons])).toEqual([]);
    expect(tunable([moons], 0)).toEqual([moons]);
  });

  it('leaves out the shapes the store already has for this adapter', () => {
    const store = memoryStore({ [tuningKey('gpu', big)]: 'direct 4×8' });
    expect(untuned(store, 'gpu', [big, mid])).toEqual([mid]);
    expect(untuned(store, 'other gpu', [big, mid])).toEqual([big, mid]);
  });
});

describe('the variants tried on a shape', () => {
  it('split-K only for a small output over a long reduction', () => {
    const names = (s: MatmulShape) => variantsFor(s).map(variantName);
    // A student's first layer: 128 × 32 outputs over 784 inputs.
    const student: MatmulShape = { role: 'forward', m: 128, n: 32, k: 784 };
    expect(names(student)).toEqual(VARIANTS.map(variantName));
    expect(names(student)).toContain('split-K 64');
    // The teacher's first layer (too many outputs), a weight gradient over a 128-row batch.
    for (const shape of [big, mid, small]) expect(names(shape)).not.toContain('split-K 64');
  });
});

describe('the variant a shape has before tuning', () => {
  it('the 8 × 8 cut on an output of four 64 × 64 blocks or more, the 4 × 4 cut below', () => {
    const name = (m: number, n: number) => variantName(defaultVariant({ m, n }));
    // A teacher's hidden layer (2 × 8 blocks), the weight gradient into 32 units (13 × 1).
    expect(name(big.m, big.n)).toBe('direct 8×8');
    expect(name(mid.m, mid.n)).toBe('direct 8×8');
    expect(name(128, 128)).toBe('direct 8×8');
    // Three blocks, a student's first layer (2 × 1), a Moons layer (one block).
    expect(name(64, 192)).toBe('direct 4×4');
    expect(name(small.m, small.n)).toBe('direct 4×4');
    expect(name(32, 8)).toBe('direct 4×4');
    // Both are variants the tuner times, so the tuner's reference is one it knows by name.
    for (const v of [defaultVariant(big), defaultVariant(small)]) {
      expect(variantByName(variantName(v))).toBe(v);
    }
  });
});

describe('the variant a timing picks', () => {
  it('the fastest, unless the default is within 10 % of it', () => {
    const wide = defaultVariant(big);
    expect(pick({ 'direct 8×8': 100, 'direct 4×4': 89, 'shared 32×32': 120 }, wide)).toBe(
      'direct 4×4',
    );
    expect(pick({ 'direct 8×8': 100, 'direct 4×4': 91, 'shared 32×32': 120 }, wide)).toBe(
      'direct 8×8',
    );
    // The shape's own default stands: on a small output, the 4 × 4 cut.
    expect(pick({ 'direct 8×8': 91, 'direct 4×4': 100 }, defaultVariant(small))).toBe('direct 4×4');
    // The default rejected or not timed: the fastest of the rest.
    expect(pick({ 'direct 4×4': 91, 'shared 32×32': 120 }, wide)).toBe('direct 4×4');
    expect(pick({}, wide)).toBe('direct 8×8');
  });
});

describe('the variant each matmul is cut by', () => {
  it("this run's tuning first, then the store's, then the default", () => {
    const shared = 'shared 32×32';
    const store = memoryStore({
      [tuningKey('gpu', big)]: 'direct 4×8',
      [tuningKey('gpu', mid)]: 'junk',
    });
    const report = {
      timings: [{ shape: mid, ms: {}, chosen: shared, complete: false, rejected: [] }],
      skipped: [],
      elapsedMs: 10,
    };
    const choose = storedChoice(store, 'gpu', report);
    expect(variantName(choose(big))).toBe('direct 4×8');
    expect(variantName(choose(mid))).toBe(shared);
    expect(choose(small)).toBe(defaultVariant(small));
    // A stored name this version does not know falls back to the default.
    expect(storedChoice(store, 'gpu')(mid)).toBe(defaultVariant(mid));
  });
});

describe("the status's sentence", () => {
  it('says how many shapes, how long, and what was cut short or dropped', () => {
    const timing = { shape: big, ms: {}, chosen: 'direct 8×8', complete: true, rejected: [] };
    expect(describeTuning({ timings: [timing], skipped: [], elapsedMs: 2345 })).toBe(
      'kernels tuned for this GPU: 1 of 1 matmul shape in 2.3 s',
    );
    const cut = { ...timing, complete: false, rejected: [{ variant: 'direct 4×4', gap: 0.5 }] };
    expect(describeTuning({ timings: [cut, timing], skipped: [mid], elapsedMs: 4000 })).toBe(
      'kernels tuned for this GPU: 1 of 3 matmul shapes in 4.0 s (the time budget ran out; the rest are tuned in the next runs); direct 4×4 disagreed with the default and was dropped',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm';

describe('holmAdjust', () => {
  it('multiplies the sorted p-values by m, m − 1, … and keeps them monotone', () => {
    // Worked by hand: sorted 0.01, 0.02, 0.04 → 0.03, 0.04, 0.04 (the last held at the max so far).
    const got = holmAdjust([0.04, 0.01, 0.02]);
    [0.04, 0.03, 0.04].forEach((v, i) => {
      expect(got[i]).toBeCloseTo(v, 12);
    });
  });

  it('leaves a single test alone and caps at 1', () => {
    expect(holmAdjust([0.2])).toEqual([0.2]);
    expect(holmAdjust([0.6, 0.5])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('matches R p.adjust(method = "holm") on a textbook case', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    const got = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => {
      expect(got[i]).toBeCloseTo(v, 12);
    });
  });
});

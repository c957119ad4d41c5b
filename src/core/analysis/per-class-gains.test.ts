import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../significance/holm';
import { pairedDifference } from '../significance/paired';
import { describeExtremes, extremeClasses, isClear, perClassGains } from './per-class-gains';

describe('per-class gains', () => {
  // Class 0: four rows, the first student right on all, the second on one. Class 1: four rows,
  // the second student right on one the first misses. Class 2: no rows.
  const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  const first = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 0]);
  const second = Int32Array.from([0, 1, 1, 1, 1, 1, 1, 1]);

  it('compares the students on each class’s own rows, paired', () => {
    const gains = perClassGains(labels, first, second, 3);
    expect(gains[0]).toMatchObject({ label: 0, first: 1, second: 0.25, n: 4, difference: 0.75 });
    expect(gains[1]).toMatchObject({ label: 1, first: 0.75, second: 1, n: 4, difference: -0.25 });
    // The interval and p are the paired comparison's on those rows alone.
    const alone = pairedDifference({ n: 4, onlyFirst: 3, onlySecond: 0 });
    expect(gains[0]?.low).toBe(alone.low);
    expect(gains[0]?.p).toBe(alone.p);
    expect(gains[2]?.n).toBe(0);
    expect(gains[2]?.first).toBeNaN();
  });

  it('adjusts the p-values over the classes (Holm)', () => {
    const gains = perClassGains(labels, first, second, 3);
    expect(gains.map((g) => g.pHolm)).toEqual(holmAdjust(gains.map((g) => g.p)));
    expect(gains[0]?.pHolm).toBeGreaterThanOrEqual(gains[0]?.p ?? 1);
  });

  it('names the class helped most and the class hurt most, if any', () => {
    const { helped, hurt } = extremeClasses(perClassGains(labels, first, second, 3));
    expect(helped?.label).toBe(0);
    expect(hurt?.label).toBe(1);
    const same = perClassGains(labels, first, first, 3);
    expect(extremeClasses(same)).toEqual({ helped: null, hurt: null });
  });

  it('says which class gained and lost most, and that four rows a class cannot show it', () => {
    const gains = perClassGains(labels, first, second, 3);
    const text = describeExtremes(gains, (c) => ['Shirt', 'Bag', 'Coat'][c] ?? '', 'KD');
    expect(text).toMatch(
      /^Compared class by class, KD gained most on Shirt \(\+75\.0 points, 95 % CI /,
    );
    expect(text).toMatch(/and lost most on Bag \(−25\.0 points, .*: could be noise\)\.$/);
    expect(gains.some(isClear)).toBe(false);
    expect(describeExtremes(perClassGains(labels, first, first, 3), String, 'KD')).toBeNull();
  });

  it('calls a large class difference on many rows clear', () => {
    const many = Int32Array.from({ length: 400 }, () => 0);
    const right = Int32Array.from({ length: 400 }, () => 0);
    const half = Int32Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 0 : 1));
    const [gain] = perClassGains(many, right, half, 2);
    expect(gain && isClear(gain)).toBe(true);
  });
});

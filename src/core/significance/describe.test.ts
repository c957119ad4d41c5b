import { describe, expect, it } from 'vitest';
import { summarizeSeeds } from '../seed-summary';
import {
  describeAgreement,
  describeRunGain,
  describeSeedGain,
  formatP,
  signedPoints,
} from './describe';

describe('formatP and signedPoints', () => {
  it('write p-values and signed points as the sentences show them', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0042)).toBe('p = 0.004');
    expect(formatP(0.6123)).toBe('p = 0.61');
    expect(signedPoints(0.086)).toBe('+8.6');
    expect(signedPoints(-0.004)).toBe('−0.4');
    expect(signedPoints(-0.00001)).toBe('0.0');
  });
});

describe('describeRunGain', () => {
  it('calls a clear difference a gain, with its interval and p-value', () => {
    // 2,000 paired digits, 250 only the distilled student gets right, 78 only the scratch one:
    // centre 172 / 2,002 = 8.59 points, se √(329 − 172² / 2,002) / 2,002 = 0.885 points.
    const d = describeRunGain({ n: 2000, onlyFirst: 250, onlySecond: 78 }, 'test digits');
    expect(d.verdict).toBe('gain');
    expect(d.text).toBe(
      'Distillation gained 8.6 points (95 % CI +6.9 to +10.3; McNemar p < 0.001 on 2,000 paired test digits).',
    );
  });
  it('calls a clear loss a cost', () => {
    const d = describeRunGain({ n: 400, onlyFirst: 5, onlySecond: 40 }, 'test rows');
    expect(d.verdict).toBe('cost');
    expect(d.text).toMatch(
      /^Distillation cost 8\.8 points: the scratch student did better \(95 % CI −/,
    );
  });
  it('says when chance could explain the difference', () => {
    const d = describeRunGain({ n: 2000, onlyFirst: 60, onlySecond: 68 }, 'test digits');
    expect(d.verdict).toBe('none');
    expect(d.text).toBe(
      'No difference this run can tell from chance (−0.4 points, 95 % CI −1.5 to +0.7, McNemar p = 0.54 on 2,000 paired test digits).',
    );
  });
  it('says identical students made no difference', () => {
    const d = describeRunGain({ n: 80, onlyFirst: 0, onlySecond: 0 }, 'test rows');
    expect(d.verdict).toBe('none');
    expect(d.text).toMatch(
      /^No difference this run can tell from chance \(0\.0 points, .* p = 1\.00/,
    );
  });
});

describe('across seeds', () => {
  const seed = (index: number, teacher: number, distilled: number, scratch: number) => ({
    index,
    seed: 42 + index,
    models: {
      teacher: { parameters: 10, accuracy: teacher },
      distilled: { parameters: 4, accuracy: distilled, agreement: distilled + 0.02 },
      scratch: { parameters: 4, accuracy: scratch, agreement: scratch + 0.01 },
    },
  });

  it('means equal the per-seed means, and the gain is tested per seed', () => {
    const s = summarizeSeeds([
      seed(0, 0.95, 0.9, 0.85),
      seed(1, 0.96, 0.92, 0.85),
      seed(2, 0.97, 0.91, 0.85),
    ]);
    expect(s.seeds).toEqual([42, 43, 44]);
    expect(s.models.teacher?.accuracy.mean).toBeCloseTo(0.96, 12);
    expect(s.models.distilled?.accuracy.mean).toBeCloseTo(0.91, 12);
    expect(s.models.distilled?.agreement?.mean).toBeCloseTo(0.93, 12);
    expect(s.gain?.mean).toBeCloseTo(0.06, 12);
    expect(s.agreementGain?.mean).toBeCloseTo(0.07, 12);
    const text = s.gain ? describeSeedGain(s.gain).text : '';
    expect(text).toBe(
      'Across 3 seeds, distillation gained 6.0 points on average (95 % CI +3.5 to +8.5; paired t-test over 3 seeds, p = 0.009).',
    );
  });
  it('leaves out a model not every seed trained', () => {
    const stopped = { index: 1, seed: 43, models: { teacher: { parameters: 10, accuracy: 0.9 } } };
    const s = summarizeSeeds([seed(0, 0.95, 0.9, 0.85), stopped]);
    expect(s.models.teacher?.accuracy.n).toBe(2);
    expect(s.models.distilled).toBeUndefined();
    expect(s.gain).toBeUndefined();
  });
  it('describes agreement', () => {
    const d = describeAgreement({ n: 2000, onlyFirst: 200, onlySecond: 50 }, 'test digits');
    expect(d.verdict).toBe('gain');
    expect(d.text).toMatch(/^The distilled student agrees with the teacher more often/);
  });
});

import { describe, expect, it } from 'vitest';
import { trend } from './soak-stats';

const minutes = Array.from({ length: 20 }, (_, i) => i * 0.5);

describe('trend', () => {
  it('calls an unchanging count flat, with a zero-width interval', () => {
    const t = trend(
      minutes,
      minutes.map(() => 412),
    );
    expect(t).toMatchObject({ slope: 0, halfWidth: 0, growth: 0, verdict: 'flat' });
  });

  it('finds a leak of two tensors a minute through noise', () => {
    const noise = [3, -2, 1, -3, 2, 0, -1, 3, -2, 1, 2, -3, 0, 1, -1, 2, -2, 3, -3, 0];
    const t = trend(
      minutes,
      minutes.map((m, i) => 400 + 2 * m + (noise[i] ?? 0)),
    );
    expect(t.verdict).toBe('grows');
    expect(Math.abs(t.slope - 2)).toBeLessThan(t.halfWidth);
    expect(t.growth).toBeCloseTo(t.slope * 9.5, 9);
  });

  it('calls noise around a level flat', () => {
    const values = minutes.map((_, i) => 1e8 + (i % 2 === 0 ? 3e6 : -3e6));
    expect(trend(minutes, values).verdict).toBe('flat');
  });

  it('calls a steady rise under 1 % of the level over the run flat', () => {
    const t = trend(
      minutes,
      minutes.map((m) => 2e8 + 1e5 * m),
    );
    expect(t.halfWidth).toBeLessThan(1e-3);
    expect(t.verdict).toBe('flat');
  });
});

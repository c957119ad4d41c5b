import { describe, expect, it } from 'vitest';
import { EXTRA_SERIES, LATENCY_BARS, SERIES } from './series';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// Axe leaves text over chart fills "incomplete"; these are the colours it cannot judge.
const CARD = '#ffffff';
const PAGE = '#f1f5f9';
const MUTED = '#475569';

describe('colours', () => {
  it('give each model’s colour at least 4.5:1 on the cards and the page', () => {
    for (const { color } of [...Object.values(SERIES), ...EXTRA_SERIES]) {
      expect(contrast(color, CARD)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, PAGE)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(MUTED, CARD)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(MUTED, PAGE)).toBeGreaterThanOrEqual(4.5);
    for (const { p50, p95 } of Object.values(LATENCY_BARS)) {
      expect(contrast(p50, CARD)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p95, CARD)).toBeGreaterThanOrEqual(4.5);
      // The p95 bar stays apart from its p50 beside it.
      expect(luminance(p95)).toBeGreaterThan(luminance(p50) * 1.5);
    }
  });
  it('keep the three models apart by marker, not colour alone', () => {
    expect(new Set(Object.values(SERIES).map((s) => s.shape)).size).toBe(3);
  });
  it("gives a run's nine models (teacher and 8 students) nine colours and nine markers", () => {
    const all = [...Object.values(SERIES), ...EXTRA_SERIES];
    expect(all).toHaveLength(9);
    expect(new Set(all.map((s) => s.color)).size).toBe(9);
    expect(new Set(all.map((s) => s.shape)).size).toBe(9);
  });
  it('computes ratios as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

/**
 * How small can the student go: a capacity sweep trains, for each of a list of student networks,
 * one KD student and one scratch student of that network on the run's teacher, data, batches and
 * step budget, and reads the gain at each size. Pure: the list's syntax, its students, the rows
 * with their intervals and the sentence. docs/methods.md, "Capacity sweep".
 */
import { MAX_HIDDEN_LAYERS, MAX_UNITS, denseStack } from './layers';
import { holmAdjust } from './significance/holm';
import { type PairedCounts, Z_975, pairedDifference } from './significance/paired';
import { meanInterval, pairedSeeds } from './significance/seeds';
import { formatP, interval, signedPoints, verdict } from './significance/describe';
import type { StudentSpec } from './students';

/** Networks in one sweep: each gives two students, so 8 sizes train 16 students together. */
export const MAX_SIZES = 8;

export type SizesResult = { ok: true; sizes: number[][] } | { ok: false; error: string };

/** "8, 16, 32" (one hidden layer each) or "32x32, 64x64" (two each): dense ReLU layers. */
export function parseSizes(text: string): SizesResult {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    return { ok: false, error: 'Enter at least one network, e.g. 8, 16, 32.' };
  if (parts.length > MAX_SIZES) {
    return { ok: false, error: `At most ${MAX_SIZES} networks (got ${parts.length}).` };
  }
  const sizes: number[][] = [];
  for (const part of parts) {
    const widths = part.split('x').map(Number);
    if (widths.length > MAX_HIDDEN_LAYERS) {
      return { ok: false, error: `"${part}": at most ${MAX_HIDDEN_LAYERS} layers.` };
    }
    if (!widths.every((w) => Number.isInteger(w) && w >= 1 && w <= MAX_UNITS)) {
      return {
        ok: false,
        error: `"${part}" is not widths 1–${MAX_UNITS} joined by x (e.g. 32 or 32x32).`,
      };
    }
    if (sizes.some((s) => sizeLabel(s) === sizeLabel(widths))) {
      return { ok: false, error: `${part} is listed twice.` };
    }
    sizes.push(widths);
  }
  return { ok: true, sizes };
}

/** "32x32": a network as the sweep's list writes it. */
export const sizeLabel = (widths: readonly number[]): string => widths.join('x');

/**
 * Each network's KD student (the run's T and α) then its scratch twin, in the list's order: the
 * pair shares its initial weights (same architecture, same seed) and its batches.
 */
export function capacityStudents(sizes: readonly (readonly number[])[]): StudentSpec[] {
  return sizes.flatMap((widths) => {
    const hidden = denseStack(widths);
    const label = sizeLabel(widths);
    return [
      { name: `KD ${label}`, kind: 'kd' as const, hidden },
      { name: `Scratch ${label}`, kind: 'scratch' as const, hidden },
    ];
  });
}

export interface AccuracyInterval {
  testAccuracy: number;
  low: number;
  high: number;
}

/** One network of the sweep: both students' accuracy and the gain, each with its interval. */
export interface CapacityRow {
  hidden: string;
  parameters: number;
  distilled: AccuracyInterval;
  scratch: AccuracyInterval;
  /** KD minus scratch; p is McNemar's (one seed) or the paired t-test's (seeds), Holm over sizes. */
  gain: { difference: number; low: number; high: number; p: number; pHolm: number };
}

/** One network's students on one seed: accuracies on the same rows and their discordant counts. */
export interface SizeResult {
  hidden: string;
  parameters: number;
  distilled: number;
  scratch: number;
  counts: PairedCounts;
}

/** Wilson's 95 % score interval of an accuracy on `n` rows: the test set's sampling error. */
export function wilson(accuracy: number, n: number): AccuracyInterval {
  const z2 = Z_975 * Z_975;
  const centre = (accuracy + z2 / (2 * n)) / (1 + z2 / n);
  const half =
    (Z_975 * Math.sqrt((accuracy * (1 - accuracy)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { testAccuracy: accuracy, low: centre - half, high: centre + half };
}

/** One seed: intervals from the test rows (Wilson; paired for the gain, McNemar's p). */
export function capacityFromSeed(results: readonly SizeResult[]): CapacityRow[] {
  const gains = results.map((r) => pairedDifference(r.counts));
  const adjusted = holmAdjust(gains.map((g) => g.p));
  return results.map((r, i) => {
    const g = gains[i] as (typeof gains)[number];
    return {
      hidden: r.hidden,
      parameters: r.parameters,
      distilled: wilson(r.distilled, r.counts.n),
      scratch: wilson(r.scratch, r.counts.n),
      gain: { difference: g.difference, low: g.low, high: g.high, p: g.p, pHolm: adjusted[i] ?? 1 },
    };
  });
}

/** Several seeds: means with Student-t intervals, the gain paired by seed (t-test, Holm). */
export function capacityAcrossSeeds(seeds: readonly (readonly SizeResult[])[]): CapacityRow[] {
  const first = seeds[0] ?? [];
  const mean = (values: number[]): AccuracyInterval => {
    const m = meanInterval(values);
    return { testAccuracy: m.mean, low: Math.max(0, m.low), high: Math.min(1, m.high) };
  };
  const gains = first.map((_, i) =>
    pairedSeeds(
      seeds.map((s) => s[i]?.distilled ?? Number.NaN),
      seeds.map((s) => s[i]?.scratch ?? Number.NaN),
    ),
  );
  const adjusted = holmAdjust(gains.map((g) => g.p));
  return first.map((r, i) => {
    const g = gains[i] as (typeof gains)[number];
    return {
      hidden: r.hidden,
      parameters: r.parameters,
      distilled: mean(seeds.map((s) => s[i]?.distilled ?? Number.NaN)),
      scratch: mean(seeds.map((s) => s[i]?.scratch ?? Number.NaN)),
      gain: { difference: g.mean, low: g.low, high: g.high, p: g.p, pHolm: adjusted[i] ?? 1 },
    };
  });
}

/** Whether a size's gain is more than chance: its Holm-adjusted p and interval say so. */
export const gainVerdict = (row: CapacityRow) =>
  verdict(row.gain.difference, row.gain.low, row.gain.high, row.gain.pHolm);

/**
 * Where the gain is largest and where it disappears, in words: "largest" among the sizes whose
 * gain is more than chance; "disappears" at the smallest network from which on no larger one has
 * such a gain. Rows are taken in the list's order, sorted by parameters.
 */
export function describeCapacity(rows: readonly CapacityRow[], over: string): string {
  const sorted = [...rows].sort((a, b) => a.parameters - b.parameters);
  const gains = sorted.filter((r) => gainVerdict(r) === 'gain');
  const costs = sorted.filter((r) => gainVerdict(r) === 'cost');
  const costText =
    costs.length > 0
      ? ` Distillation cost accuracy at ${costs.map((r) => r.hidden).join(', ')}.`
      : '';
  if (gains.length === 0) {
    return `At no size is the distilled student's gain more than chance could explain (${over}, Holm-adjusted over ${rows.length} sizes).${costText}`;
  }
  const best = gains.reduce((a, b) => (b.gain.difference > a.gain.difference ? b : a));
  const lastGain = sorted.lastIndexOf(gains.at(-1) as CapacityRow);
  const after = sorted[lastGain + 1];
  const where =
    after === undefined
      ? 'it holds up to the largest network tried'
      : `from ${after.hidden} (${after.parameters.toLocaleString('en-US')} parameters) up it is not distinguishable from noise`;
  const g = best.gain;
  return `Distillation helps most at ${best.hidden} (${best.parameters.toLocaleString('en-US')} parameters): ${signedPoints(g.difference)} points, ${interval(g.low, g.high)}, Holm-adjusted ${formatP(g.pHolm)} (${over}); ${where}.${costText}`;
}

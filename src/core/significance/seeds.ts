/** What several seeds of one experiment say together: means with Student-t intervals. */
import { tQuantile, tTwoSidedP } from './student-t';

export interface MeanInterval {
  /** How many values (seeds). */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); NaN for one value. */
  sd: number;
  /** Half-width of the 95 % interval, t(0.975, n − 1) · sd / √n; NaN for one value. */
  half: number;
  low: number;
  high: number;
}

export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  const mean = n > 0 ? values.reduce((s, v) => s + v, 0) / n : Number.NaN;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  const half = n > 1 ? (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : Number.NaN;
  return { n, mean, sd, half, low: mean - half, high: mean + half };
}

export interface PairedSeeds extends MeanInterval {
  /** Two-sided p of the paired t-test that the mean difference is 0; NaN for one seed. */
  p: number;
}

/**
 * Per-seed differences of two models that shared each seed (split, initial weights, batches):
 * a paired t-test over seeds. Identical differences give sd 0: p is 0 unless they are all 0.
 */
export function pairedSeeds(first: readonly number[], second: readonly number[]): PairedSeeds {
  if (first.length !== second.length) throw new Error('Each seed needs both models.');
  const interval = meanInterval(first.map((v, i) => v - (second[i] as number)));
  const { n, mean, sd } = interval;
  let p = Number.NaN;
  if (n > 1) p = sd === 0 ? (mean === 0 ? 1 : 0) : tTwoSidedP(mean / (sd / Math.sqrt(n)), n - 1);
  // Differences of accuracies (or agreements) lie in [−1, 1]; with two seeds t's interval can
  // reach past them (t₁ = 12.7), and a page showing "−126 points" says nothing true.
  return { ...interval, low: Math.max(-1, interval.low), high: Math.min(1, interval.high), p };
}

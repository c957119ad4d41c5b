/**
 * Whether a quantity sampled over a long run grows: the least-squares slope per minute with its
 * 95 % interval (Student's t on the residuals). "Flat" when the interval holds zero, or when the
 * line adds less than 1 % of the quantity's mean level over the whole run (a heap that breathes
 * by megabytes around hundreds is not a leak, however tight the interval).
 */
import { tQuantile } from '../../src/core/significance/student-t';

/** Growth over the whole run below this fraction of the mean level counts as none. */
const NEGLIGIBLE = 0.01;

export interface Trend {
  /** Units per minute. */
  slope: number;
  /** Half-width of the slope's 95 % interval (Infinity with fewer than three samples). */
  halfWidth: number;
  /** The slope times the run's length: what it would add over the whole run. */
  growth: number;
  /** The samples' range (max − min). */
  range: number;
  verdict: 'flat' | 'grows' | 'shrinks';
}

export function trend(minutes: readonly number[], values: readonly number[]): Trend {
  const n = Math.min(minutes.length, values.length);
  const xs = minutes.slice(0, n);
  const ys = values.slice(0, n);
  const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] ?? 0) - (my + slope * ((xs[i] ?? 0) - mx));
    sse += r * r;
  }
  const halfWidth =
    n > 2 && sxx > 0 ? tQuantile(0.975, n - 2) * Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  const span = n > 1 ? Math.max(...xs) - Math.min(...xs) : 0;
  const growth = slope * span;
  const range = n > 0 ? Math.max(...ys) - Math.min(...ys) : 0;
  const negligible = Math.abs(growth) <= NEGLIGIBLE * Math.abs(my);
  const flat = Math.abs(slope) <= halfWidth || negligible;
  const verdict = flat ? 'flat' : slope > 0 ? 'grows' : 'shrinks';
  return { slope, halfWidth, growth, range, verdict };
}

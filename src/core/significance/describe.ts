/**
 * Results in words, with how sure they are: what the page and the command line say about the
 * distilled student against the scratch student. A difference is called a gain or a cost only
 * when its 95 % interval excludes 0 and its test says p < 0.05; otherwise the words say chance
 * could explain it.
 */
import type { PairedCounts, StudentComparison } from './paired';
import { pairedDifference } from './paired';
import type { PairedSeeds } from './seeds';

const ALPHA = 0.05;

/** "p < 0.001", "p = 0.004", "p = 0.61". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** Percentage points with a sign: "+8.6", "−0.4", "0.0". */
export function signedPoints(fraction: number, digits = 1): string {
  const text = Math.abs(fraction * 100).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${fraction > 0 ? '+' : '−'}${text}`;
}

/** Points without a sign, for "gained 8.6 points". */
function points(fraction: number): string {
  return Math.abs(fraction * 100).toFixed(1);
}

/** "95 % CI +3.1 to +13.9" (points). */
export function interval(low: number, high: number): string {
  return `95 % CI ${signedPoints(low)} to ${signedPoints(high)}`;
}

export type Verdict = 'gain' | 'cost' | 'none';

export function verdict(difference: number, low: number, high: number, p: number): Verdict {
  if (!(p < ALPHA)) return 'none';
  if (low > 0 && difference > 0) return 'gain';
  if (high < 0 && difference < 0) return 'cost';
  return 'none';
}

export interface Described {
  verdict: Verdict;
  text: string;
}

/**
 * One run: the students compared on the same `counts.n` test rows (`rows` names them, e.g.
 * "test digits"), with the exact McNemar test.
 */
export function describeRunGain(counts: PairedCounts, rows: string): Described {
  const d = pairedDifference(counts);
  const on = `McNemar ${formatP(d.p)} on ${d.n.toLocaleString('en-US')} paired ${rows}`;
  const v = verdict(d.difference, d.low, d.high, d.p);
  if (v === 'gain') {
    return {
      verdict: v,
      text: `Distillation gained ${points(d.difference)} points (${interval(d.low, d.high)}; ${on}).`,
    };
  }
  if (v === 'cost') {
    return {
      verdict: v,
      text: `Distillation cost ${points(d.difference)} points: the scratch student did better (${interval(d.low, d.high)}; ${on}).`,
    };
  }
  return {
    verdict: v,
    text: `No difference this run can tell from chance (${signedPoints(d.difference)} points, ${interval(d.low, d.high)}, ${on}).`,
  };
}

/**
 * One KD student against its scratch twin on the same test rows; with `of` > 1 comparisons in the
 * run, the verdict rests on the Holm-adjusted p, which the sentence gives beside the raw one.
 */
export function describeComparison(c: StudentComparison, rows: string, of: number): Described {
  const adjusted = of > 1 ? `, Holm-adjusted ${formatP(c.pHolm)}` : '';
  const on = `McNemar ${formatP(c.p)}${adjusted} on ${c.n.toLocaleString('en-US')} paired ${rows}`;
  const v = verdict(c.difference, c.low, c.high, of > 1 ? c.pHolm : c.p);
  const who = `${c.distilled} vs ${c.scratch}`;
  const ci = interval(c.low, c.high);
  if (v === 'gain') {
    return { verdict: v, text: `${who}: gained ${points(c.difference)} points (${ci}; ${on}).` };
  }
  if (v === 'cost') {
    return { verdict: v, text: `${who}: cost ${points(c.difference)} points (${ci}; ${on}).` };
  }
  return {
    verdict: v,
    text: `${who}: no difference this run can tell from chance (${signedPoints(c.difference)} points, ${ci}, ${on}).`,
  };
}

/** Several seeds: the mean per-seed gain, its Student-t interval and the paired t-test. */
export function describeSeedGain(gain: PairedSeeds): Described {
  const on = `paired t-test over ${gain.n} seeds, ${formatP(gain.p)}`;
  const v = verdict(gain.mean, gain.low, gain.high, gain.p);
  const ci = interval(gain.low, gain.high);
  if (v === 'gain') {
    return {
      verdict: v,
      text: `Across ${gain.n} seeds, distillation gained ${points(gain.mean)} points on average (${ci}; ${on}).`,
    };
  }
  if (v === 'cost') {
    return {
      verdict: v,
      text: `Across ${gain.n} seeds, distillation cost ${points(gain.mean)} points on average: the scratch student did better (${ci}; ${on}).`,
    };
  }
  return {
    verdict: v,
    text: `No difference ${gain.n} seeds can tell from chance (mean ${signedPoints(gain.mean)} points, ${ci}, ${on}).`,
  };
}

/** Agreement with the teacher, distilled against scratch, paired on the test rows. */
export function describeAgreement(counts: PairedCounts, rows: string): Described {
  const d = pairedDifference(counts);
  const v = verdict(d.difference, d.low, d.high, d.p);
  const tail = `${signedPoints(d.difference)} points, ${interval(d.low, d.high)}, McNemar ${formatP(d.p)}`;
  const lead =
    v === 'gain'
      ? 'The distilled student agrees with the teacher more often than the scratch student'
      : v === 'cost'
        ? 'The distilled student agrees with the teacher less often than the scratch student'
        : 'No difference in agreement with the teacher this run can tell from chance';
  return { verdict: v, text: `${lead} (${tail} on ${d.n.toLocaleString('en-US')} ${rows}).` };
}

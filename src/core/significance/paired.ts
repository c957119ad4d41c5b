/**
 * Two classifiers evaluated on the same test rows: their accuracy difference is a difference of
 * paired proportions, and only the rows where exactly one of them is right carry information.
 */

/** The discordant rows of a paired comparison of A and B on `n` rows. */
export interface PairedCounts {
  n: number;
  /** Rows A gets right and B gets wrong. */
  onlyFirst: number;
  /** Rows B gets right and A gets wrong. */
  onlySecond: number;
}

export interface PairedDifference {
  /** A's accuracy minus B's, as a fraction. */
  difference: number;
  /** 95 % confidence interval of the difference. */
  low: number;
  high: number;
  /** Exact two-sided McNemar p-value. */
  p: number;
  n: number;
}

/** A KD student against the scratch student of its shape, on the same test rows. */
export interface StudentComparison extends PairedDifference {
  /**
   * The student's name and its reference's — the scratch or label-smoothing student of its
   * network, or, for a student of the teacher's own shape, the teacher — and their places in the
   * run's list.
   */
  distilled: string;
  scratch: string;
  kdIndex: number;
  scratchIndex: number | 'teacher';
  counts: PairedCounts;
  /** McNemar's p Holm-adjusted over the run's comparisons (equal to `p` for one). */
  pHolm: number;
}

/** The standard normal's 97.5th percentile: a 95 % two-sided interval is ± this many SEs. */
export const Z_975 = 1.959963984540054;

/**
 * The exact McNemar test: under "no difference" each discordant row is A's or B's with
 * probability ½, so the smaller count is a binomial tail, doubled for two sides (capped at 1).
 */
export function mcnemarExactP(onlyFirst: number, onlySecond: number): number {
  const n = onlyFirst + onlySecond;
  if (n === 0) return 1;
  const k = Math.min(onlyFirst, onlySecond);
  // Terms in log space: 2^-n underflows a double past n ≈ 1,074 discordant rows.
  let logChoose = 0;
  const logs: number[] = [];
  for (let i = 0; i <= k; i++) {
    logs.push(logChoose - n * Math.LN2);
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  const top = Math.max(...logs);
  const tail = Math.exp(top) * logs.reduce((sum, l) => sum + Math.exp(l - top), 0);
  return Math.min(1, 2 * tail);
}

/**
 * The difference with its 95 % interval: the Wald interval for paired proportions after adding
 * ½ to each of the four cells (Agresti & Min 2005), which keeps its coverage near 95 % even with
 * few discordant rows and gives a non-empty interval when there are none.
 */
export function pairedDifference({ n, onlyFirst, onlySecond }: PairedCounts): PairedDifference {
  const difference = n > 0 ? (onlyFirst - onlySecond) / n : Number.NaN;
  const b = onlyFirst + 0.5;
  const c = onlySecond + 0.5;
  const m = n + 2;
  const centre = (b - c) / m;
  const se = Math.sqrt(b + c - ((b - c) * (b - c)) / m) / m;
  return {
    difference,
    low: Math.max(-1, centre - Z_975 * se),
    high: Math.min(1, centre + Z_975 * se),
    p: mcnemarExactP(onlyFirst, onlySecond),
    n,
  };
}

/** Counts the discordant rows of two models' correctness (1 right, 0 wrong) on the same rows. */
export function countPaired(first: ArrayLike<number>, second: ArrayLike<number>): PairedCounts {
  if (first.length !== second.length) throw new Error('Paired rows must match one to one.');
  let onlyFirst = 0;
  let onlySecond = 0;
  for (let i = 0; i < first.length; i++) {
    if (first[i] && !second[i]) onlyFirst += 1;
    else if (!first[i] && second[i]) onlySecond += 1;
  }
  return { n: first.length, onlyFirst, onlySecond };
}

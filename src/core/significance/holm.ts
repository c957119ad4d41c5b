/**
 * Holm's step-down adjustment (Holm 1979) of m p-values tested together: sorted ascending, the
 * i-th smallest (0-based) is multiplied by m − i, each adjusted value is at least the one before
 * it, and none exceeds 1. Rejecting where an adjusted p is below α keeps the chance of any false
 * finding among the m at most α, with no assumption about how the tests depend on each other.
 */
export function holmAdjust(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  for (const [rank, { p, i }] of order.entries()) {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  }
  return adjusted;
}

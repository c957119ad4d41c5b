/** Axis ticks the charts share. */

/**
 * Evenly spaced accuracy ticks from the worst value shown (rounded down to a tick) to 100 %: every
 * 5, 10 or 20 points, whichever gives at most six.
 */
export function accuracyTicks(min: number): number[] {
  const low = Math.max(0, Math.min(1, min));
  const step = [0.05, 0.1, 0.2].find((s) => (1 - Math.floor(low / s) * s) / s <= 5) ?? 0.2;
  const first = Math.floor(low / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k * step <= 1 + 1e-9; k++) ticks.push(Number((k * step).toFixed(2)));
  return ticks;
}

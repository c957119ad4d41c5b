/** The command line's capacity sweep: the `capacity` JSON and its table, one seed or several. */
import {
  type CapacityRow,
  capacityAcrossSeeds,
  capacityFromSeed,
  describeCapacity,
} from '../../src/core/capacity';
import { type RosterReport, sizeResults } from '../../src/core/engine/roster-report';
import { formatP, signedPoints } from '../../src/core/significance/describe';

/**
 * Each network's distilled and scratch accuracy and the gain: from one seed, intervals over the
 * test rows (Wilson, paired); from several, over the seeds (Student t, paired t-test).
 */
export function capacityRows(reports: readonly RosterReport[]): CapacityRow[] {
  const seeds = reports.map(sizeResults);
  return seeds.length > 1 ? capacityAcrossSeeds(seeds) : capacityFromSeed(seeds[0] ?? []);
}

/** What the intervals rest on, as the sentence names it. */
export const capacityBasis = (seeds: number) =>
  seeds > 1 ? `${seeds} seeds, paired t-tests` : '1 seed, McNemar on the test rows';

export function printCapacity(rows: readonly CapacityRow[], seeds: number): void {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  const range = (a: { testAccuracy: number; low: number; high: number }) =>
    `${pct(a.testAccuracy)} % [${pct(a.low)}, ${pct(a.high)}]`;
  console.log(
    `\nCapacity (${seeds > 1 ? `means of ${seeds} seeds` : 'one seed'}, 95 % intervals; * Holm-adjusted p < 0.05)`,
  );
  console.log(
    `${'network'.padEnd(12)}${'parameters'.padStart(11)}  ${'distilled'.padEnd(24)}${'scratch'.padEnd(24)}gain (points)`,
  );
  for (const r of rows) {
    const g = r.gain;
    const star = g.pHolm < 0.05 ? '*' : ' ';
    console.log(
      `${r.hidden.padEnd(12)}${r.parameters.toLocaleString('en-US').padStart(11)}  ${range(r.distilled).padEnd(24)}${range(r.scratch).padEnd(24)}${signedPoints(g.difference)} [${signedPoints(g.low)}, ${signedPoints(g.high)}] ${formatP(g.pHolm)}${star}`,
    );
  }
  console.log(describeCapacity(rows, capacityBasis(seeds)));
}

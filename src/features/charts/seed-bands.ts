/** A repeated run's test accuracy per epoch: the mean over the seeds that reached it, with a band. */
import { meanInterval } from '../../core/significance/seeds';
import type { EpochResult, ModelId, SeedResult } from '../../protocol/messages';
import type { SeedEpoch } from '../../state/run-store';

export interface BandPoint {
  epoch: number;
  /** Mean test accuracy over `n` seeds. */
  testAccuracy: number;
  /** The 95 % interval of that mean (Student t), clipped to [0, 1]; a point for one seed. */
  band: [number, number];
  n: number;
}

/** One role's band, from the run's own epochs (seed 0) and the other seeds' epochs. */
export function seedBand(
  own: readonly EpochResult[],
  others: readonly SeedEpoch[],
  role: ModelId,
): BandPoint[] {
  const byEpoch = new Map<number, number[]>();
  const add = (e: EpochResult) => {
    if (e.model !== role) return;
    const values = byEpoch.get(e.epoch) ?? [];
    values.push(e.testAccuracy);
    byEpoch.set(e.epoch, values);
  };
  own.forEach(add);
  for (const o of others) add(o.result);
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, values]) => {
      const m = meanInterval(values);
      const band: [number, number] =
        m.n > 1 ? [Math.max(0, m.low), Math.min(1, m.high)] : [m.mean, m.mean];
      return { epoch, testAccuracy: m.mean, band, n: m.n };
    });
}

export interface SeedFinal {
  epoch: number;
  testAccuracy: number;
  seed: number;
}

/** Each finished seed's final accuracy of `role`, drawn at that model's last epoch. */
export function seedFinals(
  seeds: readonly SeedResult[],
  role: ModelId,
  lastEpoch: number,
): SeedFinal[] {
  return seeds.flatMap((s) => {
    const accuracy = s.models[role]?.accuracy;
    return accuracy === undefined
      ? []
      : [{ epoch: lastEpoch, testAccuracy: accuracy, seed: s.seed }];
  });
}

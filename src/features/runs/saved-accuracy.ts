import type { ModelId } from '../../protocol/messages';
import { summarizeSeeds } from '../../core/seed-summary';
import type { RunRecord } from '../../state/run-record';
import { percent, percentWithin } from '../../ui/format';

/**
 * A saved run's final test accuracy of one model — the mean over seeds with its 95 % interval for
 * a repeated run; for a run saved at a checkpoint, its latest epoch's — or a dash if it never
 * trained.
 */
export function savedAccuracy(record: RunRecord, role: ModelId, digits: number): string {
  const seeds = record.seeds ?? [];
  const across = seeds.length > 1 ? summarizeSeeds(seeds).models[role]?.accuracy : undefined;
  if (across) return `${percentWithin(across.mean, across.half, digits)} (${across.n} seeds)`;
  const a =
    record.summary[role]?.accuracy ??
    record.epochs.filter((e) => e.model === role).at(-1)?.testAccuracy;
  return a === undefined ? '—' : percent(a, digits);
}

import type { ModelRole } from '../../protocol/messages';
import type { RunRecord } from '../../state/run-record';
import { percent } from '../../ui/format';

/**
 * A saved run's final test accuracy of one model — for a run saved at a checkpoint, its latest
 * epoch's — or a dash if it never trained.
 */
export function savedAccuracy(record: RunRecord, role: ModelRole, digits: number): string {
  const a =
    record.summary[role]?.accuracy ??
    record.epochs.filter((e) => e.model === role).at(-1)?.testAccuracy;
  return a === undefined ? '—' : percent(a, digits);
}

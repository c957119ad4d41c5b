import { modelIds } from '../../core/students';
import type { ModelId } from '../../protocol/messages';
import { latestByModel } from '../../state/latest-epoch';
import type { RunState } from '../../state/run-store';
import { percent } from '../../ui/format';
import { seriesOf } from '../charts/series';

/** "the teacher", "the distilled student"; a student of a list goes by its own name. */
function nameOf(id: ModelId, config: RunState['config']): string {
  const name = seriesOf(id, config).name;
  return config.students && id !== 'teacher' ? name : `the ${name.toLowerCase()}`;
}

/** "a, b and c". */
function listed(names: readonly string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * A sentence when a model's latest test accuracy is at or below chance (1 / classes), with the
 * likely cause; null otherwise.
 */
export function atOrBelowChance(
  run: Pick<RunState, 'epochs' | 'dataset' | 'config'>,
): string | null {
  const classes = run.dataset?.classes;
  if (!classes) return null;
  const chance = 1 / classes;
  const low = modelIds(run.config).flatMap((role) => {
    const last = latestByModel(run.epochs).get(role);
    // Epochs count from 1 and arrive in order: the latest one's number is how many there were.
    return last && last.testAccuracy <= chance + 1e-9
      ? [{ name: nameOf(role, run.config), epochs: last.epoch }]
      : [];
  });
  const first = low[0];
  if (!first) return null;
  const names = listed(low.map((l) => l.name));
  const verb = low.length > 1 ? 'are' : 'is';
  return `${names.charAt(0).toUpperCase()}${names.slice(1)} ${verb} at or below chance (${percent(chance, 1)}) after ${first.epochs} epoch${first.epochs === 1 ? '' : 's'}: too few Adam steps at learning rate ${run.config.learningRate} to move far. Train more epochs, keep training, or raise the rate.`;
}

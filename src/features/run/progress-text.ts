import { latestByModel } from '../../state/latest-epoch';
import type { RunState } from '../../state/run-types';

/** One formatter for every update: toLocaleString makes a new one each call, at 10 calls a second. */
const COUNT = new Intl.NumberFormat('en-US');

/**
 * " · step 1,200 of 1,500", or — once Keep training has taken a run past its plan — " · step
 * 17,775 · epoch 709 (10 planned)", with "keeps training until Stop" while it still trains.
 */
export function stepText(
  run: Pick<RunState, 'step' | 'totalSteps' | 'epochs' | 'config'>,
  training: boolean,
): string {
  if (run.totalSteps <= 0) return '';
  const step = COUNT.format(run.step);
  if (run.step <= run.totalSteps) return ` · step ${step} of ${COUNT.format(run.totalSteps)}`;
  let epoch = 0;
  for (const [model, e] of latestByModel(run.epochs)) {
    if (model !== 'teacher') epoch = Math.max(epoch, e.epoch);
  }
  const planned = run.config.studentEpochs;
  const until = training ? ': keeps training until Stop' : '';
  return ` · step ${step} · epoch ${COUNT.format(epoch)} (${planned} planned)${until}`;
}

import type { RunState } from '../../state/run-types';

/**
 * " · step 1,200 of 1,500", or — once Keep training has taken a run past its plan — " · step
 * 17,775 · epoch 709 (10 planned)", with "keeps training until Stop" while it still trains.
 */
export function stepText(
  run: Pick<RunState, 'step' | 'totalSteps' | 'epochs' | 'config'>,
  training: boolean,
): string {
  if (run.totalSteps <= 0) return '';
  const step = run.step.toLocaleString('en-US');
  if (run.step <= run.totalSteps)
    return ` · step ${step} of ${run.totalSteps.toLocaleString('en-US')}`;
  const epoch = Math.max(0, ...run.epochs.filter((e) => e.model !== 'teacher').map((e) => e.epoch));
  const planned = run.config.studentEpochs;
  const until = training ? ': keeps training until Stop' : '';
  return ` · step ${step} · epoch ${epoch.toLocaleString('en-US')} (${planned} planned)${until}`;
}

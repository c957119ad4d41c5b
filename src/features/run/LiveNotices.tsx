import { useConfigStore } from '../../state/config-store';
import { useRunStore } from '../../state/run-store';
import { atOrBelowChance } from './chance';
import s from './run.module.css';

/**
 * A word where the live numbers need one (α = 0, a model no better than chance). Shown under the
 * run's phase, where the panel has room: beneath the numbers they would push the charts below
 * the screen.
 */
export function LiveNotices() {
  const run = useRunStore((s) => s.run);
  const alpha = useConfigStore((s) => s.config.alpha);
  if (!run) return null;
  const chance = atOrBelowChance(run);
  const studentsTraining = run.phase === 'students' || run.phase === 'soft-targets';
  return (
    <>
      {alpha === 0 && studentsTraining && (
        <p className="field-hint">
          α = 0: the distilled student is plain supervised training, like the scratch one
          {run.config.transferSet
            ? '; its batches of unlabelled transfer-set rows carry no loss, so its loss can read 0.'
            : '.'}
        </p>
      )}
      {chance && <p className={`banner warning ${s.liveNotice}`}>{chance}</p>}
    </>
  );
}

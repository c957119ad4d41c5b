import { MODEL_ROLES } from '../../protocol/messages';
import { useConfigStore } from '../../state/config-store';
import { useRunStore } from '../../state/run-store';
import { percent } from '../../ui/format';
import { SERIES } from '../charts/series';
import { atOrBelowChance } from './chance';

/**
 * The three models' current numbers, beside the sliders: latest test accuracy and training loss,
 * with a word where one needs explaining (α = 0, a model no better than chance).
 */
export function LiveReadout() {
  const run = useRunStore((s) => s.run);
  const alpha = useConfigStore((s) => s.config.alpha);
  if (!run) return null;
  const numbers = MODEL_ROLES.map((role) => ({
    role,
    test: run.epochs.filter((e) => e.model === role).at(-1)?.testAccuracy,
    live: run.live[role].at(-1),
  }));
  const chance = atOrBelowChance(run);
  const studentsTraining = run.phase === 'students' || run.phase === 'soft-targets';
  return (
    <div className="live-readout">
      <ul aria-label="Live training metrics">
        {numbers.map(({ role, test, live }) => (
          <li key={role}>
            <span
              className="swatch"
              style={{ background: SERIES[role].color }}
              aria-hidden="true"
            />
            {SERIES[role].name}:{' '}
            {[
              live && `loss ${live.loss.toFixed(3)} · batch ${percent(live.accuracy)}`,
              test !== undefined && `test ${percent(test)}`,
            ]
              .filter(Boolean)
              .join(' · ') || 'not trained yet'}
          </li>
        ))}
      </ul>
      {alpha === 0 && studentsTraining && (
        <p className="field-hint">
          α = 0: the distilled student is plain supervised training, like the scratch one
          {run.config.transferSet
            ? '; its batches of unlabelled transfer-set rows carry no loss, so its loss can read 0.'
            : '.'}
        </p>
      )}
      {chance && <p className="banner warning">{chance}</p>}
    </div>
  );
}

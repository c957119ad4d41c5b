import { latestByModel } from '../../state/latest-epoch';
import { useRunStore } from '../../state/run-store';
import { percent } from '../../ui/format';
import { useModels } from '../charts/useSeries';
import s from './run.module.css';

/**
 * Every model's current numbers, beside the sliders: latest test accuracy and training loss
 * (the words they may need are in LiveNotices).
 */
export function LiveReadout() {
  const run = useRunStore((s) => s.run);
  const { ids, look } = useModels();
  if (!run) return null;
  const numbers = ids.map((role) => ({
    role,
    // An imported teacher has no epochs: its accuracy is the one the run's summary measured.
    test:
      latestByModel(run.epochs).get(role)?.testAccuracy ??
      (role === 'teacher' && run.teacherImported ? run.summary[role]?.accuracy : undefined),
    live: run.live[role]?.at(-1),
  }));
  const idle = (role: string) =>
    role === 'teacher' && run.teacherImported ? 'imported, not trained here' : 'not trained yet';
  return (
    <div className={s.liveReadout}>
      <ul aria-label="Live training metrics">
        {numbers.map(({ role, test, live }) => (
          <li key={role}>
            <span className="swatch" style={{ background: look(role).color }} aria-hidden="true" />
            {look(role).name}:{' '}
            {[
              live && `loss ${live.loss.toFixed(3)} · batch ${percent(live.accuracy)}`,
              test !== undefined && `test ${percent(test)}`,
            ]
              .filter(Boolean)
              .join(' · ') || idle(role)}
          </li>
        ))}
      </ul>
    </div>
  );
}

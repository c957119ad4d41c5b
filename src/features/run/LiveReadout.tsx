import type { ModelRole } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { percent } from '../../ui/format';
import { SERIES } from '../charts/series';

/** The models training right now, by phase. */
const TRAINING: Partial<Record<string, ModelRole[]>> = {
  teacher: ['teacher'],
  students: ['distilled', 'scratch'],
};

/** Latest training loss and batch accuracy of the models being trained, as they arrive. */
export function LiveReadout() {
  const run = useRunStore((s) => s.run);
  const roles = run && !run.paused ? (TRAINING[run.phase] ?? []) : [];
  const latest = roles.flatMap((role) => {
    const point = run?.live[role].at(-1);
    return point ? [{ role, point }] : [];
  });
  if (latest.length === 0) return null;
  return (
    <ul className="live-readout" aria-label="Live training metrics">
      {latest.map(({ role, point }) => (
        <li key={role}>
          <span className="swatch" style={{ background: SERIES[role].color }} aria-hidden="true" />
          {SERIES[role].name}: loss {point.loss.toFixed(3)} · batch accuracy{' '}
          {percent(point.accuracy)}
        </li>
      ))}
    </ul>
  );
}

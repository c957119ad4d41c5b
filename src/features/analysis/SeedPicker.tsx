import { isFinished, useRunStore } from '../../state/run-store';
import { useStudySeed } from './useStudySeed';
import s from './analysis.module.css';

/**
 * Which seed of a repeated run the views below study. The worker keeps every seed's weights until
 * the next run, so switching rebuilds that seed's models (and its data split) in a moment; a run
 * opened from Runs has only its first seed's models.
 */
export function SeedPicker() {
  const run = useRunStore((s) => s.run);
  const studySeed = useStudySeed();
  if (!run || run.seeds.length < 2) return null;
  const seeds = [...run.seeds].sort((a, b) => a.index - b.index);
  const studied = seeds.find((r) => r.index === run.studied)?.seed ?? run.config.seed;
  if (run.archived || !isFinished(run)) {
    return <p className="field-hint">Models of seed {studied}, the run&rsquo;s first.</p>;
  }
  return (
    <label className={s.seedPicker}>
      Models of seed{' '}
      <select
        value={run.studied}
        onChange={(e) => {
          studySeed(Number(e.target.value));
        }}
      >
        {seeds.map((r) => (
          <option key={r.index} value={r.index}>
            {r.seed}
            {r.index === 0 ? ' (first)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

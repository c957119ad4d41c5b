import type { ModelId } from '../../protocol/messages';
import { percent } from '../../ui/format';
import { useModels } from '../charts/useSeries';
import s from './draw.module.css';

/** Each model's predicted digit and its ten probabilities as a shaded strip. */
export function PredictionStrips({
  probabilities,
  drawn,
}: {
  probabilities: Partial<Record<ModelId, number[]>> | null;
  drawn: boolean;
}) {
  const { ids, look } = useModels();
  if (!probabilities) {
    return (
      <p className="field-hint draw-empty">
        {drawn ? 'Predicting…' : 'Predictions appear as you draw.'}
      </p>
    );
  }
  return (
    <ul className={s.predictionStrips} aria-label="Predictions">
      {ids.map((role) => {
        const p = probabilities[role];
        if (!p) return null;
        const best = p.indexOf(Math.max(...p));
        return (
          <li key={role}>
            <span className={s.stripName} style={{ color: look(role).color }}>
              {look(role).name}
            </span>
            <span className={s.stripAnswer}>
              {best} <small>{percent(p[best] ?? 0, 0)}</small>
            </span>
            <span className={s.strip} aria-hidden="true">
              {p.map((v, c) => (
                <span
                  key={c}
                  title={`${c}: ${percent(v, 1)}`}
                  style={{
                    background: `rgba(15, 23, 42, ${v.toFixed(3)})`,
                    color: v > 0.5 ? '#fff' : '#475569',
                  }}
                >
                  {c}
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

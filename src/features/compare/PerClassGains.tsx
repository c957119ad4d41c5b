import { useId, useMemo, useState } from 'react';
import { describeExtremes, isClear, perClassGains } from '../../core/analysis/per-class-gains';
import { formatP, signedPoints } from '../../core/significance/describe';
import { studentIds } from '../../core/students';
import type { ModelId } from '../../protocol/messages';
import { useDisplayedConfig } from '../../state/displayed-config';
import { useRunStore } from '../../state/run-store';
import { percent } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import { useModels } from '../charts/useSeries';
import { predictionsOf } from '../analysis/predictions';
import { useClassName } from '../analysis/useClassName';
import s from './compare.module.css';

interface Pair {
  first: ModelId;
  second: ModelId;
}

/**
 * The run's compared students (each KD student against the scratch or smoothing student of its
 * shape), class by class on the analysed seed's test rows, once the run's models are analysed.
 */
export function PerClassGains() {
  const analysis = useRunStore((s) => s.run?.analysis ?? null);
  const comparisons = useRunStore((s) => s.run?.comparisons);
  const config = useDisplayedConfig();
  const { look } = useModels();
  const { name } = useClassName();
  const pairs = useMemo((): Pair[] => {
    const ids = studentIds(config);
    const listed = (comparisons ?? []).flatMap((c) => {
      const first = ids[c.kdIndex];
      const second = c.scratchIndex === 'teacher' ? undefined : ids[c.scratchIndex];
      return first && second ? [{ first, second }] : [];
    });
    return listed.length > 0 ? listed : [{ first: 'distilled', second: 'scratch' }];
  }, [comparisons, config]);
  const [picked, setChosen] = useState(0);
  // A later run may compare fewer pairs.
  const chosen = picked < pairs.length ? picked : 0;
  const pair = pairs[chosen];
  const titleId = useId();
  const gains = useMemo(() => {
    if (!analysis || !pair) return null;
    const first = predictionsOf(analysis, pair.first);
    const second = predictionsOf(analysis, pair.second);
    if (!first || !second) return null;
    return perClassGains(analysis.testLabels, first, second, analysis.classes);
  }, [analysis, pair]);
  if (!gains || !pair) return null;
  const firstName = look(pair.first).name;
  const secondName = look(pair.second).name;
  const sentence = describeExtremes(gains, name, firstName);
  return (
    <div className={s.perClass}>
      <p data-testid="per-class-gain">
        {sentence ?? `${firstName} and ${secondName} are equally accurate on every class.`}
      </p>
      <details>
        <summary id={titleId}>
          Per class: {firstName} vs {secondName}
        </summary>
        {pairs.length > 1 && (
          <label className={s.pairPicker}>
            Compare{' '}
            <select
              value={chosen}
              onChange={(e) => {
                setChosen(Number(e.target.value));
              }}
            >
              {pairs.map((p, i) => (
                <option key={`${p.first}-${p.second}`} value={i}>
                  {look(p.first).name} vs {look(p.second).name}
                </option>
              ))}
            </select>
          </label>
        )}
        <ScrollTable labelledBy={titleId}>
          <table>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Test samples</th>
                <th scope="col">{firstName}</th>
                <th scope="col">{secondName}</th>
                <th scope="col">Difference (points, 95 % CI)</th>
                <th scope="col">Holm p</th>
              </tr>
            </thead>
            <tbody>
              {gains.map((g) => (
                <tr key={g.label} className={isClear(g) ? s.clear : undefined}>
                  <th scope="row">{name(g.label)}</th>
                  <td>{g.n}</td>
                  <td>{g.n > 0 ? percent(g.first, 1) : '—'}</td>
                  <td>{g.n > 0 ? percent(g.second, 1) : '—'}</td>
                  <td>
                    {g.n > 0
                      ? `${signedPoints(g.difference)} (${signedPoints(g.low)} to ${signedPoints(g.high)})`
                      : '—'}
                  </td>
                  <td>{formatP(g.pHolm).replace(/^p /, '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <p className="field-hint">
          One seed&rsquo;s test rows (the one the models up close study), each class on its own:
          intervals are the paired difference&rsquo;s (Agresti–Min), p the exact McNemar test
          Holm-adjusted over the {gains.length} classes; bold rows differ clearly.
        </p>
      </details>
    </div>
  );
}

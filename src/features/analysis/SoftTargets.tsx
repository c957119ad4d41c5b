import { useMemo, useState } from 'react';
import { Bar, BarChart, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, CHART_MARGIN, ChartFrame, ChartGrid } from '../charts/frame';
import { entropyBits, rowOf, softmaxAt } from '../../core/analysis/soft-targets';
import type { RunAnalysis } from '../../protocol/analysis';
import { useConfigStore } from '../../state/config-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { useModels } from '../charts/useSeries';
import { SampleView } from './DigitImage';
import { analysedRoles, featuresOf, predictionsOf } from './predictions';
import { useClassName } from './useClassName';
import s from './analysis.module.css';

/**
 * One test sample through the models' eyes at the Temperature slider's T: softmax(logits / T) is
 * recomputed here from the logits the worker handed over, so the bars move with the slider
 * without any training or worker round trip.
 */
export function SoftTargets({ analysis }: { analysis: RunAnalysis }) {
  const { look } = useModels();
  const { name: className, named } = useClassName();
  const temperature = useConfigStore((s) => s.config.temperature);
  const [row, setRow] = useState(0);
  const rows = analysis.testLabels.length;
  const roles = useMemo(() => analysedRoles(analysis), [analysis]);
  const label = analysis.testLabels[row] ?? 0;

  const byRole = useMemo(
    () =>
      roles.map((role) => {
        const logits = analysis.logits[role];
        return logits ? softmaxAt(rowOf(logits, analysis.classes, row), temperature) : [];
      }),
    [analysis, roles, row, temperature],
  );
  const data = useMemo(
    () =>
      Array.from({ length: analysis.classes }, (_, c) => {
        const entry: Record<string, number | string> = { name: className(c) };
        roles.forEach((role, i) => (entry[role] = byRole[i]?.[c] ?? 0));
        return entry;
      }),
    [analysis.classes, roles, byRole, className],
  );

  // The teacher is always analysed first: a stopped run has at least it.
  const teacher = roles[0] === 'teacher' ? byRole[0] : undefined;
  const entropy = teacher ? entropyBits(teacher) : Number.NaN;
  const maxEntropy = Math.log2(analysis.classes);

  const predicted = (c: number | undefined) => (c === undefined ? '—' : className(c));

  const nextMisclassified = () => {
    const wrong = (r: number) =>
      roles.some((role) => predictionsOf(analysis, role)?.[r] !== analysis.testLabels[r]);
    for (let k = 1; k <= rows; k++) {
      const r = (row + k) % rows;
      if (wrong(r)) {
        setRow(r);
        return;
      }
    }
  };

  return (
    <Figure
      caption="Soft targets"
      note={`Each model's softmax(logits / T) at T = ${temperature} for one test sample. Move the Temperature slider: the teacher's distribution flattens and shows which wrong classes it finds similar — the dark knowledge the distilled student learns from.`}
    >
      <div className={s.lensControls}>
        <label>
          Test sample
          <input
            type="number"
            min={0}
            max={rows - 1}
            value={row}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (Number.isFinite(n)) setRow(Math.min(rows - 1, Math.max(0, n)));
            }}
          />
        </label>
        <button type="button" onClick={nextMisclassified}>
          Next misclassified
        </button>
        <SampleView features={featuresOf(analysis, row)} label={`Test sample ${row}`} />
        <span className={s.lensFacts}>
          True class <strong>{className(label)}</strong> · predicted{' '}
          {roles
            .map(
              (role) =>
                `${look(role).name.split(' ')[0] ?? role} ${predicted(predictionsOf(analysis, role)?.[row])}`,
            )
            .join(', ')}
          <br />
          <span aria-label="Teacher entropy">
            Teacher entropy {entropy.toFixed(2)} bits of at most {maxEntropy.toFixed(2)} (
            {percent(entropy / maxEntropy, 0)})
          </span>
        </span>
      </div>
      <ChartFrame height={named ? 250 : 200}>
        <BarChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
          <ChartGrid vertical={false} />
          {named ? (
            // Every name, slanted: Recharts would otherwise drop the ones that overlap.
            <XAxis
              dataKey="name"
              tick={{ ...axisTick, textAnchor: 'end' }}
              angle={-35}
              interval={0}
              height={64}
            />
          ) : (
            <XAxis dataKey="name" tick={axisTick} />
          )}
          <YAxis tick={axisTick} domain={[0, 1]} tickFormatter={(v: number) => percent(v, 0)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? percent(v, 1) : String(v))} />
          <Legend itemSorter={null} />
          {roles.map((role) => (
            <Bar
              key={role}
              dataKey={role as string}
              name={look(role).name}
              fill={look(role).color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartFrame>
    </Figure>
  );
}

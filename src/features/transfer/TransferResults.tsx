import { Bar, BarChart, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatP, signedPoints } from '../../core/significance/describe';
import { type TransferSeed, transferFigures } from '../../core/transfer';
import { percent } from '../../ui/format';
import { axisTick, CHART_MARGIN, ChartFrame, ChartGrid } from '../charts/frame';
import { SERIES } from '../charts/series';
import s from './transfer.module.css';

/**
 * What the transfer found over the seeds it has trained: the sentence, each model's target accuracy
 * beside its fresh twin's (a chart, then a table with the gain's interval, Holm-adjusted p, steps
 * to 90 % and time). Several seeds: means, with intervals over the seeds.
 */
export function TransferResults({ seeds }: { seeds: readonly TransferSeed[] }) {
  const { rows, sentence } = transferFigures(seeds);
  const data = rows.map((r) => ({
    name: r.name,
    adapted: r.testAccuracy,
    fresh: r.fresh.testAccuracy,
  }));
  return (
    <>
      <p className="field-hint" aria-live="polite" data-testid="transfer-sentence">
        {sentence}
      </p>
      <ChartFrame height={220}>
        <BarChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
          <ChartGrid vertical={false} />
          <XAxis dataKey="name" tick={axisTick} />
          <YAxis
            tick={axisTick}
            width={56}
            domain={[0, 1]}
            tickFormatter={(v: number) => percent(v, 0)}
          />
          <Tooltip formatter={(v) => (typeof v === 'number' ? percent(v, 2) : String(v))} />
          <Legend itemSorter={null} />
          <Bar
            dataKey="adapted"
            name="From the run's weights"
            fill={SERIES.distilled.color}
            isAnimationActive={false}
          />
          <Bar
            dataKey="fresh"
            name="Fresh twin (random weights)"
            fill="#64748b"
            isAnimationActive={false}
          />
        </BarChart>
      </ChartFrame>
      <table className={s.results} aria-label="Transfer results">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Target accuracy</th>
            <th scope="col">Fresh twin</th>
            <th scope="col">Gain, points (95 % CI)</th>
            <th scope="col">Holm-adjusted p</th>
            <th scope="col">Steps to 90 % (fresh)</th>
            <th scope="col">s / epoch</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td>{percent(r.testAccuracy, 1)}</td>
              <td>{percent(r.fresh.testAccuracy, 1)}</td>
              <td>
                {signedPoints(r.gain.difference)} ({signedPoints(r.gain.low)} to{' '}
                {signedPoints(r.gain.high)})
              </td>
              <td>{formatP(r.gain.pHolm)}</td>
              <td>
                {Math.round(r.stepsTo90)} ({Math.round(r.fresh.stepsTo90)})
              </td>
              <td>{r.secondsPerEpoch.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import { Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, CHART_MARGIN, ChartFrame, ChartGrid } from '../charts/frame';
import type { SweepCell } from '../../protocol/analysis';
import type { EpochResult } from '../../protocol/messages';
import { percent } from '../../ui/format';
import { SERIES } from '../charts/series';
import { describeCell } from './cell-gain';
import s from './sweep.module.css';

/**
 * The selected cell's test accuracy per epoch beside the sweep's scratch student (its reference,
 * same steps) and the run's own distilled and scratch curves.
 */
export function SweepCurve({ cell, epochs }: { cell: SweepCell; epochs: readonly EpochResult[] }) {
  const of = (role: 'distilled' | 'scratch') => epochs.filter((e) => e.model === role);
  return (
    <div className={s.sweepCurve}>
      <h3>
        T = {cell.temperature}, α = {cell.alpha}: {percent(cell.accuracy, 2)} test accuracy,{' '}
        {percent(cell.agreement, 1)} agreement with the teacher
      </h3>
      <p className="field-hint">{describeCell(cell).text}</p>
      <ChartFrame height={200}>
        <LineChart margin={CHART_MARGIN} accessibilityLayer={false}>
          <ChartGrid />
          <XAxis type="number" dataKey="epoch" domain={[0, 'dataMax']} tick={axisTick} />
          <YAxis
            tick={axisTick}
            width={56}
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => percent(v, 0)}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? percent(v, 2) : String(v))}
            labelFormatter={(e) => `epoch ${Number(e)}`}
          />
          <Legend itemSorter={null} />
          <Line
            data={cell.curve}
            dataKey="testAccuracy"
            name="This cell"
            stroke="#16a34a"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            data={cell.reference.curve}
            dataKey="testAccuracy"
            name="Sweep's scratch student"
            stroke={SERIES.scratch.color}
            strokeWidth={2}
            isAnimationActive={false}
          />
          {(['distilled', 'scratch'] as const).map((role) => (
            <Line
              key={role}
              data={of(role)}
              dataKey="testAccuracy"
              name={`Run's ${SERIES[role].name.toLowerCase()}`}
              stroke={SERIES[role].color}
              strokeDasharray="4 3"
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartFrame>
    </div>
  );
}

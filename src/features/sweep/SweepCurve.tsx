import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SweepCell } from '../../protocol/analysis';
import type { EpochResult } from '../../protocol/messages';
import { percent } from '../../ui/format';
import { SERIES, axisTick } from '../charts/series';
import { describeCell } from './cell-gain';

/** The selected cell's test accuracy per epoch beside the run's own distilled and scratch curves. */
export function SweepCurve({ cell, epochs }: { cell: SweepCell; epochs: readonly EpochResult[] }) {
  const of = (role: 'distilled' | 'scratch') => epochs.filter((e) => e.model === role);
  return (
    <div className="sweep-curve">
      <h3>
        T = {cell.temperature}, α = {cell.alpha}: {percent(cell.accuracy, 2)} test accuracy,{' '}
        {percent(cell.agreement, 1)} agreement with the teacher
      </h3>
      <p className="field-hint">{describeCell(cell).text}</p>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" />
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
      </ResponsiveContainer>
    </div>
  );
}

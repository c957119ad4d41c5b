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
import { MODEL_ROLES } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { hyperMarkLines } from './HyperMarks';
import { MAX_CHART_POINTS, SERIES, axisTick } from './series';
import { downsample } from './downsample';

/** Lowest tick: the worst accuracy rounded down to 5 %, so close curves stay apart. */
const floorTo5 = (min: number) => Math.max(0, Math.floor(min * 20) / 20);

export function AccuracyChart() {
  const epochs = useRunStore((s) => s.run?.epochs) ?? [];
  const marks = useRunStore((s) => s.run?.marks) ?? [];
  return (
    <Figure
      caption="Test accuracy"
      note="Measured on the held-out test set at the end of every epoch."
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="epoch"
            domain={[0, 'dataMax']}
            tick={axisTick}
            allowDuplicatedCategory={false}
          />
          <YAxis
            tick={axisTick}
            width={56}
            domain={[floorTo5, 1]}
            tickFormatter={(v: number) => percent(v, 0)}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? percent(v, 2) : String(v))}
            labelFormatter={(e) => `epoch ${Number(e)}`}
          />
          <Legend itemSorter={null} />
          {MODEL_ROLES.map((role) => (
            <Line
              key={role}
              data={downsample(
                epochs.filter((e) => e.model === role),
                MAX_CHART_POINTS,
              )}
              dataKey="testAccuracy"
              name={SERIES[role].name}
              stroke={SERIES[role].color}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
          {hyperMarkLines(marks)}
        </LineChart>
      </ResponsiveContainer>
    </Figure>
  );
}

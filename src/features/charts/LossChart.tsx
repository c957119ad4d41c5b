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
import { hyperMarkLines } from './HyperMarks';
import { MAX_CHART_POINTS, SERIES, axisTick } from './series';
import { downsample } from './downsample';

export function LossChart() {
  const live = useRunStore((s) => s.run?.live);
  const marks = useRunStore((s) => s.run?.marks) ?? [];
  return (
    <Figure
      caption="Loss"
      empty={
        (!live || MODEL_ROLES.every((r) => live[r].length === 0)) &&
        'Press Train to see the loss curves.'
      }
      note="Training loss by epoch of each model’s own run. Distilled: the full KD loss; teacher and scratch: cross-entropy. Dashed lines: T / α changed."
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
          <YAxis tick={axisTick} width={48} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))}
            labelFormatter={(e) => `epoch ${Number(e).toFixed(2)}`}
          />
          <Legend itemSorter={null} />
          {MODEL_ROLES.map((role) => (
            <Line
              key={role}
              data={downsample(live?.[role] ?? [], MAX_CHART_POINTS)}
              dataKey="loss"
              name={SERIES[role].name}
              stroke={SERIES[role].color}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
          {hyperMarkLines(marks)}
        </LineChart>
      </ResponsiveContainer>
    </Figure>
  );
}

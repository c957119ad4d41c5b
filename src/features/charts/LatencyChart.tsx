import { Bar, BarChart, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from './frame';
import { MODEL_ROLES } from '../../protocol/messages';
import { useRunStore, measuredLatency } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { milliseconds } from '../../ui/format';
import { runsText } from '../compare/LatencyCells';
import { SERIES } from './series';

/** Batch-256 latency of each trained model (batch 1 is in the table), p50 beside p95. */
export function LatencyChart() {
  const latency = useRunStore((s) => s.run?.latency ?? null);
  const result = measuredLatency(latency);
  const data = MODEL_ROLES.flatMap((role) => {
    const pair = result?.models[role];
    return pair
      ? [{ name: SERIES[role].short, p50: pair.batch256.p50, p95: pair.batch256.p95 }]
      : [];
  });
  return (
    <Figure
      caption="Latency"
      empty={
        data.length === 0 &&
        (latency === 'measuring' ? 'Measuring latency…' : 'Latency appears after a run.')
      }
      note={
        result
          ? `Batch of 256 rows on ${result.backend}, after warm-up, until the logits are readable; runs: ${runsText(result.models, 'batch256')}.`
          : 'Inference time of each trained model on this device, measured in the worker.'
      }
    >
      <ChartFrame height={180}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <ChartGrid vertical={false} />
          <XAxis dataKey="name" tick={axisTick} />
          <YAxis tick={axisTick} width={80} tickFormatter={(v: number) => `${v} ms`} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? milliseconds(v) : String(v))} />
          <Legend />
          {/* Both at least 4.5:1 on white, and far apart in lightness. */}
          <Bar dataKey="p50" name="p50" fill="#1e293b" isAnimationActive={false} />
          <Bar dataKey="p95" name="p95" fill="#64748b" isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
    </Figure>
  );
}

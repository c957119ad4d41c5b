import { Bar, BarChart, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from './frame';
import { useRunStore, measuredLatency } from '../../state/run-store';
import { useDisplayedConfig } from '../../state/displayed-config';
import { Figure } from '../../ui/Figure';
import { milliseconds } from '../../ui/format';
import { LATENCY_BARS, runsText } from './series';
import { useModels } from './useSeries';

/**
 * Batch-256 latency of each trained model (batch 1 is in the table), p50 beside p95; once the
 * models have been measured in ONNX Runtime, its bars stand beside tfjs's as a second runtime.
 */
export function LatencyChart() {
  const latency = useRunStore((s) => s.run?.latency ?? null);
  const onnx = useRunStore((s) => s.run?.onnx);
  const result = measuredLatency(latency);
  const { ids, look } = useModels();
  const config = useDisplayedConfig();
  const data = ids.flatMap((role) => {
    const pair = result?.models[role];
    const ort = onnx?.models[role]?.latency.batch256;
    return pair
      ? [
          {
            name: look(role).short,
            p50: pair.batch256.p50,
            p95: pair.batch256.p95,
            ...(ort ? { ortP50: ort.p50, ortP95: ort.p95 } : {}),
          },
        ]
      : [];
  });
  const runtime = result ? `tfjs (${result.backend})` : 'tfjs';
  const bars = [
    { dataKey: 'p50', name: onnx ? `${runtime} p50` : 'p50', fill: LATENCY_BARS.tfjs.p50 },
    { dataKey: 'p95', name: onnx ? `${runtime} p95` : 'p95', fill: LATENCY_BARS.tfjs.p95 },
    ...(onnx
      ? [
          { dataKey: 'ortP50', name: 'ONNX Runtime p50', fill: LATENCY_BARS.onnx.p50 },
          { dataKey: 'ortP95', name: 'ONNX Runtime p95', fill: LATENCY_BARS.onnx.p95 },
        ]
      : []),
  ];
  return (
    <Figure
      id="latency-chart"
      caption="Latency"
      empty={
        data.length === 0 &&
        (latency === 'measuring' ? 'Measuring latency…' : 'Latency appears after a run.')
      }
      note={
        result
          ? `Batch of 256 rows on ${result.backend}, after warm-up, until the logits are readable; runs: ${runsText(result.models, 'batch256', config)}.${onnx ? ` Beside it, the same models exported to ONNX in ${onnx.runtime}.` : ' Measure in ONNX Runtime (below) to set the runtime a student would ship in beside it.'}`
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
          {bars.map((bar) => (
            <Bar key={bar.dataKey} {...bar} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartFrame>
    </Figure>
  );
}

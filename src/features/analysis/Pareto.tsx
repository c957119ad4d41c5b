import { useState } from 'react';
import { Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from '../charts/frame';
import { WEIGHT_FORMATS, type WeightFormat } from '../../core/quant/quantize';
import { formatBytes } from '../../core/size';
import type { RunAnalysis } from '../../protocol/analysis';
import { type RunState, measuredLatency } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { milliseconds, percent } from '../../ui/format';
import { useModels } from '../charts/useSeries';
import { analysedRoles } from './predictions';
import s from './analysis.module.css';

type Axis = 'size' | 'latency';

interface Point {
  x: number;
  accuracy: number;
}

/** A shape per weight format, so the three variants of a model stay apart where they overlap. */
const SHAPES: Record<WeightFormat, 'circle' | 'triangle' | 'square'> = {
  fp32: 'circle',
  fp16: 'triangle',
  int8: 'square',
};

/** Accuracy against cost: each model and weight format by file size, or by batch-1 latency. */
export function Pareto({
  analysis,
  latency,
}: {
  analysis: RunAnalysis;
  latency: RunState['latency'];
}) {
  const { look } = useModels();
  const [axis, setAxis] = useState<Axis>('size');
  const measured = measuredLatency(latency);
  const series = analysedRoles(analysis).flatMap((role) =>
    WEIGHT_FORMATS.map((format) => {
      const v = analysis.variants[role]?.find((variant) => variant.format === format);
      const p50 = measured?.models[role]?.batch1.p50;
      const x = axis === 'size' ? v?.bytes : format === 'fp32' ? p50 : undefined;
      const points: Point[] = v && x !== undefined ? [{ x, accuracy: v.accuracy }] : [];
      return { role, format, points };
    }),
  );
  const empty = series.every((s) => s.points.length === 0);
  return (
    <Figure
      caption="Pareto"
      note={
        axis === 'size'
          ? 'Test accuracy against weights-file size (log scale), ● fp32, ▲ fp16, ■ int8: up and to the left is better.'
          : `Test accuracy against batch-1 latency (p50${measured ? ` on ${measured.backend}` : ''}). Quantized files are dequantized to float32 when tfjs loads them, so they run at fp32 speed and are shown on the size axis only.`
      }
      empty={empty && (axis === 'latency' ? 'Latency has not been measured yet.' : 'No models.')}
    >
      <div className={s.axisToggle} role="radiogroup" aria-label="Pareto cost axis">
        {(['size', 'latency'] as const).map((a) => (
          <label key={a} className={a === axis ? s.selected : undefined}>
            <input
              type="radio"
              name="pareto-axis"
              checked={a === axis}
              onChange={() => {
                setAxis(a);
              }}
            />
            {a === 'size' ? 'Size' : 'Latency'}
          </label>
        ))}
      </div>
      <ChartFrame height={240}>
        <ScatterChart
          margin={{ top: 12, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <ChartGrid />
          <XAxis
            type="number"
            dataKey="x"
            scale="log"
            domain={['auto', 'auto']}
            tick={axisTick}
            tickFormatter={(v: number) => (axis === 'size' ? formatBytes(v) : milliseconds(v))}
            name={axis === 'size' ? 'Weights file' : 'Latency p50'}
          />
          <YAxis
            type="number"
            dataKey="accuracy"
            domain={['auto', 'auto']}
            tick={axisTick}
            width={64}
            // One decimal: the students' points often sit within a percentage point of each other.
            tickFormatter={(v: number) => percent(v, 1)}
            name="Test accuracy"
          />
          <Tooltip
            formatter={(v, name) =>
              typeof v !== 'number'
                ? String(v)
                : name === 'Test accuracy'
                  ? percent(v, 2)
                  : axis === 'size'
                    ? formatBytes(v)
                    : milliseconds(v)
            }
          />
          <Legend itemSorter={null} />
          {series.map(({ role, format, points }) => (
            <Scatter
              key={`${role}-${format}`}
              name={format === 'fp32' ? look(role).name : `${look(role).name} ${format}`}
              data={points}
              fill={look(role).color}
              shape={SHAPES[format]}
              legendType={format === 'fp32' ? 'circle' : 'none'}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ChartFrame>
    </Figure>
  );
}

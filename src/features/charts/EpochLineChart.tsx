import { memo } from 'react';
import {
  Area,
  ComposedChart,
  Legend,
  Line,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisProps,
} from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from './frame';
import { MODEL_ROLES, type ModelRole } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { hyperMarkLines } from './HyperMarks';
import { MARKERS } from './markers';
import { MAX_CHART_POINTS, SERIES } from './series';
import type { BandPoint, SeedFinal } from './seed-bands';
import { downsample } from '../../core/downsample';

/** A repeated run's spread: a band around each mean curve, and each seed's final point. */
export interface SeedSpread {
  bands: Record<ModelRole, readonly BandPoint[]>;
  finals: Record<ModelRole, readonly SeedFinal[]>;
}

type Axis = Pick<YAxisProps, 'domain' | 'width' | 'ticks'> & {
  tickFormatter: (v: number) => string;
};

interface EpochLineChartProps<P extends { epoch: number }> {
  /** Each model's points, in epoch order; downsampled here. */
  series: Record<ModelRole, readonly P[]>;
  dataKey: keyof P & string;
  yAxis: Axis;
  /** A model drawn against an axis of its own, on the right (the distilled student's KD loss). */
  ownAxis?: { role: ModelRole; axis: Axis; suffix: string };
  formatValue: (v: number) => string;
  dots: boolean;
  spread?: SeedSpread | null;
}

/** Whole epochs on the x-axis, at least one. */
const X_DOMAIN: [number, (max: number) => number] = [0, (max) => Math.max(1, Math.ceil(max))];

/**
 * Teacher, distilled and scratch against epochs, with the T / α change marks. Memoized: callers
 * pass stable props, so it redraws only when its series, marks or run change.
 */
export const EpochLineChart = memo(EpochLineChartImpl) as typeof EpochLineChartImpl;

function EpochLineChartImpl<P extends { epoch: number }>(props: EpochLineChartProps<P>) {
  const { series, dataKey, yAxis, ownAxis, formatValue, dots, spread } = props;
  const axisOf = (role: ModelRole) => (ownAxis?.role === role ? 'own' : 'main');
  const marks = useRunStore((s) => s.run?.marks) ?? [];
  const config = useRunStore((s) => s.run?.config);
  // The x-axis runs to the longer of the two phases.
  const span = config ? Math.max(config.teacherEpochs, config.studentEpochs) : 1;
  return (
    <ChartFrame height={260}>
      {/* No accessibility layer: the chart is not a tab stop; its figure caption names it. */}
      <ComposedChart margin={{ top: 16, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <ChartGrid />
        <XAxis
          type="number"
          dataKey="epoch"
          domain={X_DOMAIN}
          allowDecimals={false}
          tick={axisTick}
          allowDuplicatedCategory={false}
        />
        <YAxis yAxisId="main" tick={axisTick} {...yAxis} />
        {ownAxis && (
          <YAxis
            yAxisId="own"
            orientation="right"
            tick={{ ...axisTick, fill: SERIES[ownAxis.role].color }}
            {...ownAxis.axis}
          />
        )}
        <Tooltip
          formatter={(v) =>
            typeof v === 'number'
              ? formatValue(v)
              : Array.isArray(v)
                ? v.map((x) => formatValue(Number(x))).join(' – ')
                : String(v)
          }
          labelFormatter={(e) => `epoch ${Number(e).toFixed(2)}`}
        />
        <Legend itemSorter={null} />
        {spread &&
          MODEL_ROLES.map((role) => (
            <Area
              key={`band-${role}`}
              yAxisId="main"
              data={[...spread.bands[role]]}
              dataKey="band"
              name={`${SERIES[role].name}, 95 % CI`}
              className={`seed-band seed-band-${role}`}
              stroke="none"
              fill={SERIES[role].color}
              fillOpacity={0.15}
              legendType="none"
              isAnimationActive={false}
            />
          ))}
        {MODEL_ROLES.map((role) => (
          <Line
            key={role}
            yAxisId={axisOf(role)}
            data={downsample(series[role], MAX_CHART_POINTS)}
            dataKey={dataKey}
            name={`${SERIES[role].name}${spread ? ' (mean)' : ''}${ownAxis?.role === role ? ownAxis.suffix : ''}`}
            stroke={SERIES[role].color}
            strokeWidth={2}
            dot={dots ? MARKERS[role] : false}
            legendType={SERIES[role].shape}
            isAnimationActive={false}
          />
        ))}
        {spread &&
          MODEL_ROLES.map((role) => (
            <Scatter
              key={`finals-${role}`}
              yAxisId="main"
              data={[...spread.finals[role]]}
              dataKey="testAccuracy"
              name={`${SERIES[role].name}, each seed`}
              className={`seed-finals seed-finals-${role}`}
              fill={SERIES[role].color}
              shape="diamond"
              legendType="none"
              isAnimationActive={false}
            />
          ))}
        {hyperMarkLines(marks, span, 'main')}
      </ComposedChart>
    </ChartFrame>
  );
}

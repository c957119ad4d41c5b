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
  type LegendType,
  type YAxisProps,
} from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from './frame';
import { type SettingsMark, MODEL_ROLES, type ModelId } from '../../protocol/messages';
import { modelIds } from '../../core/students';
import { useRunStore } from '../../state/run-store';
import { SettingsMarks } from './SettingsMarks';
import { markerOf } from './markers';
import { MAX_CHART_POINTS, type MarkerShape, seriesOf } from './series';
import type { BandPoint, SeedFinal } from './seed-bands';
import { downsample } from '../../core/downsample';

/** A repeated run's spread: a band around each mean curve, and each seed's final point. */
export interface SeedSpread {
  bands: Partial<Record<ModelId, readonly BandPoint[]>>;
  finals: Partial<Record<ModelId, readonly SeedFinal[]>>;
}

type Axis = Pick<YAxisProps, 'domain' | 'width' | 'ticks'> & {
  tickFormatter: (v: number) => string;
};

interface EpochLineChartProps<P extends { epoch: number }> {
  /** Each model's points, in epoch order; downsampled here. */
  series: Partial<Record<ModelId, readonly P[]>>;
  dataKey: keyof P & string;
  yAxis: Axis;
  /** Models drawn against an axis of their own, on the right (the KD students' KD loss). */
  ownAxis?: { models: (id: ModelId) => boolean; axis: Axis; suffix: string };
  formatValue: (v: number) => string;
  dots: boolean;
  spread?: SeedSpread | null;
}

/** Markers are drawn on a curve of at most this many points; more would make a solid band. */
export const MAX_MARKED_POINTS = 40;

/** Recharts' nearest legend symbol to each marker. */
const LEGEND_SHAPES: Record<MarkerShape, LegendType> = {
  circle: 'circle',
  square: 'square',
  triangle: 'triangle',
  diamond: 'diamond',
  down: 'wye',
  plus: 'cross',
  cross: 'star',
  ring: 'circle',
  bar: 'rect',
};

const NO_MARKS: readonly SettingsMark[] = [];

/** Whole epochs on the x-axis, at least one. */
const X_DOMAIN: [number, (max: number) => number] = [0, (max) => Math.max(1, Math.ceil(max))];

/**
 * Teacher, distilled and scratch against epochs, with the T / α change marks. Memoized: callers
 * pass stable props, so it redraws only when its series, marks or run change.
 */
export const EpochLineChart = memo(EpochLineChartImpl) as typeof EpochLineChartImpl;

function EpochLineChartImpl<P extends { epoch: number }>(props: EpochLineChartProps<P>) {
  const { series, dataKey, yAxis, ownAxis, formatValue, dots, spread } = props;
  const own = (id: ModelId) => ownAxis?.models(id) ?? false;
  const marks = useRunStore((s) => s.run?.marks) ?? NO_MARKS;
  const config = useRunStore((s) => s.run?.config);
  const ids = config ? modelIds(config) : MODEL_ROLES;
  const look = (id: ModelId) => seriesOf(id, config);
  const ownColor = ids.find(own);
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
            tick={{ ...axisTick, fill: ownColor ? look(ownColor).color : axisTick.fill }}
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
          ids.map((role) => (
            <Area
              key={`band-${role}`}
              yAxisId="main"
              data={[...(spread.bands[role] ?? [])]}
              dataKey="band"
              name={`${look(role).name}, 95 % CI`}
              className={`seed-band seed-band-${role}`}
              stroke="none"
              fill={look(role).color}
              fillOpacity={0.15}
              legendType="none"
              isAnimationActive={false}
            />
          ))}
        {ids.map((role) => {
          const points = series[role] ?? [];
          const marked = dots && points.length <= MAX_MARKED_POINTS;
          const shape = look(role).shape;
          return (
            <Line
              key={role}
              yAxisId={own(role) ? 'own' : 'main'}
              data={downsample(points, MAX_CHART_POINTS)}
              dataKey={dataKey}
              name={`${look(role).name}${spread ? ' (mean)' : ''}${own(role) && ownAxis ? ownAxis.suffix : ''}`}
              stroke={look(role).color}
              strokeWidth={2}
              dot={marked ? markerOf(look(role)) : false}
              legendType={LEGEND_SHAPES[shape]}
              isAnimationActive={false}
            />
          );
        })}
        {spread &&
          ids.map((role) => (
            <Scatter
              key={`finals-${role}`}
              yAxisId="main"
              data={[...(spread.finals[role] ?? [])]}
              dataKey="testAccuracy"
              name={`${look(role).name}, each seed`}
              className={`seed-finals seed-finals-${role}`}
              fill={look(role).color}
              shape="diamond"
              legendType="none"
              isAnimationActive={false}
            />
          ))}
        <SettingsMarks marks={marks} span={span} />
      </ComposedChart>
    </ChartFrame>
  );
}

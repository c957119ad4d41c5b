import { memo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisProps,
} from 'recharts';
import { MODEL_ROLES, type ModelRole } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { hyperMarkLines } from './HyperMarks';
import { MAX_CHART_POINTS, SERIES, axisTick } from './series';
import type { BandPoint, SeedFinal } from './seed-bands';
import { downsample } from '../../core/downsample';

/** A repeated run's spread: a band around each mean curve, and each seed's final point. */
export interface SeedSpread {
  bands: Record<ModelRole, readonly BandPoint[]>;
  finals: Record<ModelRole, readonly SeedFinal[]>;
}

interface EpochLineChartProps<P extends { epoch: number }> {
  /** Each model's points, in epoch order; downsampled here. */
  series: Record<ModelRole, readonly P[]>;
  dataKey: keyof P & string;
  yAxis: Pick<YAxisProps, 'domain' | 'width'> & { tickFormatter: (v: number) => string };
  formatValue: (v: number) => string;
  dots: boolean;
  spread?: SeedSpread | null;
}

/**
 * Teacher, distilled and scratch against epochs, with the T / α change marks. Memoized: callers
 * pass stable props, so it redraws only when its series, marks or run change.
 */
export const EpochLineChart = memo(EpochLineChartImpl) as typeof EpochLineChartImpl;

function EpochLineChartImpl<P extends { epoch: number }>(props: EpochLineChartProps<P>) {
  const { series, dataKey, yAxis, formatValue, dots, spread } = props;
  const marks = useRunStore((s) => s.run?.marks) ?? [];
  const config = useRunStore((s) => s.run?.config);
  // The x-axis runs to the longer of the two phases.
  const span = config ? Math.max(config.teacherEpochs, config.studentEpochs) : 1;
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="epoch"
          domain={[0, 'dataMax']}
          tick={axisTick}
          allowDuplicatedCategory={false}
        />
        <YAxis tick={axisTick} {...yAxis} />
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
            data={downsample(series[role], MAX_CHART_POINTS)}
            dataKey={dataKey}
            name={spread ? `${SERIES[role].name} (mean)` : SERIES[role].name}
            stroke={SERIES[role].color}
            strokeWidth={2}
            dot={dots ? { r: 3 } : false}
            isAnimationActive={false}
          />
        ))}
        {spread &&
          MODEL_ROLES.map((role) => (
            <Scatter
              key={`finals-${role}`}
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
        {hyperMarkLines(marks, span)}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

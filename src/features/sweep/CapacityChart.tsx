import { ComposedChart, ErrorBar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { CapacityRow } from '../../core/capacity';
import { percent } from '../../ui/format';
import { axisTick, CHART_MARGIN, ChartFrame, ChartGrid } from '../charts/frame';
import { SERIES } from '../charts/series';

/** Whiskers as recharts draws them: the distance below and above the point. */
const whisker = (a: CapacityRow['distilled']): [number, number] => [
  a.testAccuracy - a.low,
  a.high - a.testAccuracy,
];

/**
 * Test accuracy against parameters (log scale) for each network's distilled and scratch students,
 * with their 95 % intervals, and the teacher's accuracy as a dashed line across.
 */
export function CapacityChart({
  rows,
  teacher,
}: {
  rows: readonly CapacityRow[];
  teacher: number | undefined;
}) {
  const data = [...rows]
    .sort((a, b) => a.parameters - b.parameters)
    .map((r) => ({
      parameters: r.parameters,
      hidden: r.hidden,
      distilled: r.distilled.testAccuracy,
      distilledError: whisker(r.distilled),
      scratch: r.scratch.testAccuracy,
      scratchError: whisker(r.scratch),
      // A line across, not a reference line: so it has its place in the legend, off the points.
      ...(teacher !== undefined && { teacher }),
    }));
  return (
    <ChartFrame height={260}>
      <ComposedChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
        <ChartGrid />
        <XAxis
          type="number"
          dataKey="parameters"
          scale="log"
          domain={['auto', 'auto']}
          tick={axisTick}
          tickFormatter={(v: number) => v.toLocaleString('en-US')}
          name="Parameters"
        />
        <YAxis
          tick={axisTick}
          width={56}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => percent(v, 0)}
        />
        <Tooltip
          formatter={(v, name) =>
            typeof v === 'number' ? percent(v, 2) : Array.isArray(v) ? '' : `${String(v)} ${name}`
          }
          labelFormatter={(p) => `${Number(p).toLocaleString('en-US')} parameters`}
        />
        <Legend itemSorter={null} />
        {teacher !== undefined && (
          <Line
            dataKey="teacher"
            name={`Teacher (${percent(teacher, 1)})`}
            stroke={SERIES.teacher.color}
            strokeDasharray="5 4"
            dot={false}
            isAnimationActive={false}
          />
        )}
        {(['distilled', 'scratch'] as const).map((role) => (
          <Line
            key={role}
            dataKey={role}
            name={SERIES[role].name}
            stroke={SERIES[role].color}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          >
            <ErrorBar
              dataKey={`${role}Error`}
              width={5}
              stroke={SERIES[role].color}
              direction="y"
            />
          </Line>
        ))}
      </ComposedChart>
    </ChartFrame>
  );
}

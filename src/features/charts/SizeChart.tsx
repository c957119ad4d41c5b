import { Bar, BarChart, LabelList, XAxis, YAxis } from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from './frame';
import { networkParameters } from '../../core/config';
import { fp32Bytes, formatBytes, formatCount } from '../../core/size';
import { useDisplayedConfig, useDisplayedTeacher } from '../../state/displayed-config';
import { Figure } from '../../ui/Figure';
import { SERIES } from './series';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

export function SizeChart() {
  const config = useDisplayedConfig();
  const teacher = useDisplayedTeacher()?.parameters ?? networkParameters(config, 'teacherHidden');
  const student = networkParameters(config, 'studentHidden');
  const data = [
    { name: 'Teacher', parameters: teacher, fill: SERIES.teacher.color },
    { name: 'Student', parameters: student, fill: SERIES.distilled.color },
  ].map((d) => ({
    ...d,
    label: `${formatCount(d.parameters)} params · ${formatBytes(fp32Bytes(d.parameters))}`,
  }));
  const ratio = student > 0 ? teacher / student : 0;
  return (
    <Figure
      caption="Model size"
      note={`Parameters and bytes at fp32. The student (distilled and scratch alike) is ${ratio.toFixed(1)}× smaller.`}
    >
      <ChartFrame height={160}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <ChartGrid horizontal={false} />
          {/* Head-room to the right of the longest bar for its label. */}
          <XAxis
            type="number"
            tick={axisTick}
            domain={[0, (max: number) => max * 2.2]}
            tickFormatter={(v: number) => compact.format(v)}
          />
          <YAxis type="category" dataKey="name" tick={axisTick} width={64} />
          {/* Each entry's own `fill` colours its bar. */}
          <Bar dataKey="parameters" isAnimationActive={false}>
            <LabelList dataKey="label" position="right" fill="#0f172a" fontSize={12} />
          </Bar>
        </BarChart>
      </ChartFrame>
    </Figure>
  );
}

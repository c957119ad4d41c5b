import { Bar, BarChart, LabelList, XAxis, YAxis } from 'recharts';
import { axisTick, ChartFrame, ChartGrid } from './frame';
import { modelMacs, modelParameters, networkParameters } from '../../core/config';
import { fp32Bytes, formatBytes, formatCount } from '../../core/size';
import { useDisplayedConfig, useDisplayedTeacher } from '../../state/displayed-config';
import { Figure } from '../../ui/Figure';
import { SERIES } from './series';
import { useModels } from './useSeries';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

export function SizeChart() {
  const config = useDisplayedConfig();
  const imported = useDisplayedTeacher();
  const teacher = imported?.parameters ?? networkParameters(config, 'teacherHidden');
  const student = networkParameters(config, 'studentHidden');
  const { ids, look } = useModels();
  // The default pair shares one network: one bar. A list of its own: one bar per student.
  const students = config.students
    ? ids
        .filter((id) => id !== 'teacher')
        .map((id) => ({
          name: look(id).short,
          parameters: modelParameters(config, id),
          macs: modelMacs(config, id),
          fill: look(id).color,
        }))
    : [
        {
          name: 'Student',
          parameters: student,
          macs: modelMacs(config, 'distilled') as number | null,
          fill: SERIES.distilled.color,
        },
      ];
  // An imported teacher's multiply–adds are not known.
  const teacherMacs = imported ? null : modelMacs(config, 'teacher');
  const data = [
    { name: 'Teacher', parameters: teacher, macs: teacherMacs, fill: SERIES.teacher.color },
    ...students,
  ].map((d) => ({
    ...d,
    label: [
      `${formatCount(d.parameters)} params`,
      formatBytes(fp32Bytes(d.parameters)),
      ...(d.macs === null ? [] : [`${compact.format(d.macs)} MACs`]),
    ].join(' · '),
  }));
  const ratio = student > 0 ? teacher / student : 0;
  const note = config.students
    ? `Parameters, bytes at fp32 and multiply–adds per example (MACs: the work of one prediction); students of one network have the same size.`
    : `Parameters, bytes at fp32 and multiply–adds per example (MACs: the work of one prediction). The student (distilled and scratch alike) is ${ratio.toFixed(1)}× smaller.`;
  return (
    <Figure caption="Model size" note={note}>
      <ChartFrame height={Math.max(160, 48 + 36 * data.length)}>
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
            domain={[0, (max: number) => max * 2.8]}
            tickFormatter={(v: number) => compact.format(v)}
          />
          <YAxis type="category" dataKey="name" tick={axisTick} width={config.students ? 96 : 64} />
          {/* Each entry's own `fill` colours its bar. */}
          <Bar dataKey="parameters" isAnimationActive={false}>
            <LabelList dataKey="label" position="right" fill="#0f172a" fontSize={12} />
          </Bar>
        </BarChart>
      </ChartFrame>
    </Figure>
  );
}

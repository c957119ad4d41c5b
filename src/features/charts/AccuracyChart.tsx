import { MODEL_ROLES } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { EpochLineChart } from './EpochLineChart';

/** Lowest tick: the worst accuracy rounded down to 5 %, so close curves stay apart. */
const floorTo5 = (min: number) => Math.max(0, Math.floor(min * 20) / 20);

export function AccuracyChart() {
  const epochs = useRunStore((s) => s.run?.epochs) ?? [];
  const series = Object.fromEntries(
    MODEL_ROLES.map((role) => [role, epochs.filter((e) => e.model === role)]),
  ) as Record<(typeof MODEL_ROLES)[number], typeof epochs>;
  return (
    <Figure
      caption="Test accuracy"
      empty={epochs.length === 0 && 'Test accuracy appears after each epoch.'}
      note="Measured on the held-out test set at the end of every epoch."
    >
      <EpochLineChart
        series={series}
        dataKey="testAccuracy"
        yAxis={{ width: 56, domain: [floorTo5, 1], tickFormatter: (v) => percent(v, 0) }}
        formatValue={(v) => percent(v, 2)}
        dots
      />
    </Figure>
  );
}

import { useDeferredValue, useMemo } from 'react';
import { MODEL_ROLES, type EpochResult, type ModelRole } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { EpochLineChart } from './EpochLineChart';

/** Lowest tick: the worst accuracy rounded down to 5 %, so close curves stay apart. */
const floorTo5 = (min: number) => Math.max(0, Math.floor(min * 20) / 20);

const Y_AXIS = {
  width: 56,
  domain: [floorTo5, 1] as [typeof floorTo5, number],
  tickFormatter: (v: number) => percent(v, 0),
};
const formatAccuracy = (v: number) => percent(v, 2);
const NO_EPOCHS: EpochResult[] = [];

export function AccuracyChart() {
  const epochs = useDeferredValue(useRunStore((s) => s.run?.epochs) ?? NO_EPOCHS);
  const series = useMemo(
    () =>
      Object.fromEntries(
        MODEL_ROLES.map((role) => [role, epochs.filter((e) => e.model === role)]),
      ) as Record<ModelRole, EpochResult[]>,
    [epochs],
  );
  return (
    <Figure
      caption="Test accuracy"
      empty={epochs.length === 0 && 'Test accuracy appears after each epoch.'}
      note="Measured on the held-out test set at the end of every epoch."
    >
      <EpochLineChart
        series={series}
        dataKey="testAccuracy"
        yAxis={Y_AXIS}
        formatValue={formatAccuracy}
        dots
      />
    </Figure>
  );
}

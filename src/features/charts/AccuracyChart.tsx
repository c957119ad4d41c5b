import { useDeferredValue, useMemo } from 'react';
import { MODEL_ROLES, type EpochResult, type ModelRole } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { EpochLineChart, type SeedSpread } from './EpochLineChart';
import { accuracyTicks } from './axes';
import { seedBand, seedFinals } from './seed-bands';

const tickFormatter = (v: number) => percent(v, 0);
const formatAccuracy = (v: number) => percent(v, 2);
const NO_EPOCHS: EpochResult[] = [];
const byRole = <T,>(make: (role: ModelRole) => T) =>
  Object.fromEntries(MODEL_ROLES.map((role) => [role, make(role)])) as Record<ModelRole, T>;

export function AccuracyChart() {
  const epochs = useDeferredValue(useRunStore((s) => s.run?.epochs) ?? NO_EPOCHS);
  const seedEpochs = useDeferredValue(useRunStore((s) => s.run?.seedEpochs));
  const seeds = useRunStore((s) => s.run?.seeds);
  const config = useRunStore((s) => s.run?.config);
  const repeated = (config?.repeats ?? 1) > 1;
  const spread = useMemo((): SeedSpread | null => {
    if (!repeated || !config || !seedEpochs || !seeds) return null;
    const last = (role: ModelRole) =>
      role === 'teacher' ? config.teacherEpochs : config.studentEpochs;
    return {
      bands: byRole((role) => seedBand(epochs, seedEpochs, role)),
      finals: byRole((role) => seedFinals(seeds, role, last(role))),
    };
  }, [repeated, config, epochs, seedEpochs, seeds]);
  // With repeats the lines are the bands' means; both carry `epoch` and `testAccuracy`.
  const series = useMemo(
    (): Record<ModelRole, readonly { epoch: number; testAccuracy: number }[]> =>
      spread ? spread.bands : byRole((role) => epochs.filter((e) => e.model === role)),
    [epochs, spread],
  );
  const yAxis = useMemo(() => {
    const values = MODEL_ROLES.flatMap((role) => [
      ...series[role].map((p) => p.testAccuracy),
      ...(spread?.bands[role].map((b) => b.band[0]) ?? []),
      ...(spread?.finals[role].map((f) => f.testAccuracy) ?? []),
    ]);
    const ticks = accuracyTicks(values.length > 0 ? Math.min(...values) : 0);
    return { width: 56, ticks, domain: [ticks[0] ?? 0, 1], tickFormatter };
  }, [series, spread]);
  return (
    <Figure
      caption="Test accuracy"
      empty={epochs.length === 0 && 'Test accuracy appears after each epoch.'}
      note={
        repeated
          ? `Measured on each seed’s held-out test set at the end of every epoch: lines are the mean over the seeds that reached that epoch, bands its 95 % interval (Student t), diamonds each seed’s final accuracy.`
          : 'Measured on the held-out test set at the end of every epoch.'
      }
    >
      <EpochLineChart
        series={series}
        dataKey="testAccuracy"
        yAxis={yAxis}
        formatValue={formatAccuracy}
        dots
        spread={spread}
      />
    </Figure>
  );
}

import { useDeferredValue, useMemo } from 'react';
import { MODEL_ROLES, type EpochResult, type ModelId } from '../../protocol/messages';
import { modelIds } from '../../core/students';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { EpochLineChart, type SeedSpread } from './EpochLineChart';
import { accuracyTicks } from './axes';
import { seedBand, seedFinals } from './seed-bands';

const tickFormatter = (v: number) => percent(v, 0);
const formatAccuracy = (v: number) => percent(v, 2);
const NO_EPOCHS: EpochResult[] = [];
const byModel = <T,>(ids: readonly ModelId[], make: (id: ModelId) => T) =>
  Object.fromEntries(ids.map((id) => [id, make(id)])) as Partial<Record<ModelId, T>>;

export function AccuracyChart() {
  const epochs = useDeferredValue(useRunStore((s) => s.run?.epochs) ?? NO_EPOCHS);
  const seedEpochs = useDeferredValue(useRunStore((s) => s.run?.seedEpochs));
  const seeds = useRunStore((s) => s.run?.seeds);
  const config = useRunStore((s) => s.run?.config);
  const repeated = (config?.repeats ?? 1) > 1;
  const ids = useMemo(() => (config ? modelIds(config) : MODEL_ROLES), [config]);
  const spread = useMemo((): SeedSpread | null => {
    if (!repeated || !config || !seedEpochs || !seeds) return null;
    const last = (role: ModelId) =>
      role === 'teacher' ? config.teacherEpochs : config.studentEpochs;
    return {
      bands: byModel(ids, (role) => seedBand(epochs, seedEpochs, role)),
      finals: byModel(ids, (role) => seedFinals(seeds, role, last(role))),
    };
  }, [repeated, config, ids, epochs, seedEpochs, seeds]);
  // With repeats the lines are the bands' means; both carry `epoch` and `testAccuracy`.
  const series = useMemo(
    (): Partial<Record<ModelId, readonly { epoch: number; testAccuracy: number }[]>> =>
      spread ? spread.bands : byModel(ids, (role) => epochs.filter((e) => e.model === role)),
    [ids, epochs, spread],
  );
  const yAxis = useMemo(() => {
    const values = ids.flatMap((role) => [
      ...(series[role] ?? []).map((p) => p.testAccuracy),
      ...(spread?.bands[role]?.map((b) => b.band[0]) ?? []),
      ...(spread?.finals[role]?.map((f) => f.testAccuracy) ?? []),
    ]);
    const ticks = accuracyTicks(values.length > 0 ? Math.min(...values) : 0);
    return { width: 56, ticks, domain: [ticks[0] ?? 0, 1], tickFormatter };
  }, [ids, series, spread]);
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

import { useDeferredValue, useMemo } from 'react';
import { MODEL_ROLES, type ModelId } from '../../protocol/messages';
import { learnsFromTeacher } from '../../core/methods';
import { studentIds, studentsOf } from '../../core/students';
import type { ExperimentConfig } from '../../core/config';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { Term } from '../glossary/Term';
import { EpochLineChart } from './EpochLineChart';

const NO_POINTS = { teacher: [], distilled: [], scratch: [] };
const Y_AXIS = { width: 48, tickFormatter: (v: number) => v.toPrecision(2) };
/**
 * A student that learns from the teacher has T² · KL terms in its loss (≈ 10 at T = 4): those
 * students get an axis of their own.
 */
const KD_AXIS = {
  axis: { width: 48, tickFormatter: (v: number) => v.toPrecision(2) },
  suffix: ' (right axis)',
};

/** Whether `id` learns from the teacher (KD, DKD, hints) in a run of `config`. */
function fromTeacher(config: ExperimentConfig | undefined, id: ModelId): boolean {
  if (!config) return id === 'distilled';
  const kind = studentsOf(config)[studentIds(config).indexOf(id)]?.kind;
  return kind !== undefined && learnsFromTeacher(kind);
}
const formatLoss = (v: number) => v.toFixed(4);

export function LossChart() {
  // Deferred: the chart redraws at a lower priority than the controls and progress bar, and an
  // update not yet drawn is replaced by a newer one instead of queueing.
  const live = useDeferredValue(useRunStore((s) => s.run?.live) ?? NO_POINTS);
  const config = useRunStore((s) => s.run?.config);
  const repeated = config && config.repeats > 1 ? config : null;
  const ownAxis = useMemo(
    () => ({ ...KD_AXIS, models: (id: ModelId) => fromTeacher(config, id) }),
    [config],
  );
  return (
    <Figure
      caption="Loss"
      empty={
        MODEL_ROLES.every((r) => live[r].length === 0) && 'Press Train to see the loss curves.'
      }
      note={
        <>
          Training loss of each model&rsquo;s own run
          {repeated && ` (seed ${repeated.seed} only)`}. Left axis: the teacher&rsquo;s and the
          students&rsquo; that learn from labels (<Term name="CE" />, smoothed or not); right axis:
          the students that learn from the teacher (<Term name="KD loss" />, DKD, hints), on a scale
          of its own. Dashed lines: T, α, β, ε, γ or the learning rate changed.
        </>
      }
    >
      <EpochLineChart
        series={live}
        dataKey="loss"
        yAxis={Y_AXIS}
        formatValue={formatLoss}
        ownAxis={ownAxis}
        dots={false}
      />
    </Figure>
  );
}

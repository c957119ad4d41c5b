import { useDeferredValue } from 'react';
import { MODEL_ROLES } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { EpochLineChart } from './EpochLineChart';

const NO_POINTS = { teacher: [], distilled: [], scratch: [] };
const Y_AXIS = { width: 48, tickFormatter: (v: number) => v.toPrecision(2) };
const formatLoss = (v: number) => v.toFixed(4);

export function LossChart() {
  // Deferred: the chart redraws at a lower priority than the controls and progress bar, and an
  // update not yet drawn is replaced by a newer one instead of queueing.
  const live = useDeferredValue(useRunStore((s) => s.run?.live) ?? NO_POINTS);
  const config = useRunStore((s) => s.run?.config);
  const repeated = config && config.repeats > 1 ? config : null;
  return (
    <Figure
      caption="Loss"
      empty={
        MODEL_ROLES.every((r) => live[r].length === 0) && 'Press Train to see the loss curves.'
      }
      note={`Training loss by epoch of each model’s own run${repeated ? ` of seed ${repeated.seed}, the run’s own (the other seeds report their test accuracy)` : ''}. Distilled: the full KD loss; teacher and scratch: cross-entropy. Dashed lines: T / α changed.`}
    >
      <EpochLineChart
        series={live}
        dataKey="loss"
        yAxis={Y_AXIS}
        formatValue={formatLoss}
        dots={false}
      />
    </Figure>
  );
}

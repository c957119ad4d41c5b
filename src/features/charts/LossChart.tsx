import { MODEL_ROLES } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { EpochLineChart } from './EpochLineChart';

const NO_POINTS = { teacher: [], distilled: [], scratch: [] };

export function LossChart() {
  const live = useRunStore((s) => s.run?.live) ?? NO_POINTS;
  return (
    <Figure
      caption="Loss"
      empty={
        MODEL_ROLES.every((r) => live[r].length === 0) && 'Press Train to see the loss curves.'
      }
      note="Training loss by epoch of each model’s own run. Distilled: the full KD loss; teacher and scratch: cross-entropy. Dashed lines: T / α changed."
    >
      <EpochLineChart
        series={live}
        dataKey="loss"
        yAxis={{ width: 48, tickFormatter: (v) => v.toPrecision(2) }}
        formatValue={(v) => v.toFixed(4)}
        dots={false}
      />
    </Figure>
  );
}

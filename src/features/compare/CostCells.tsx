import { energyPerPrediction } from '../../core/cost/energy';
import type { TrainingCost } from '../../core/cost/training';
import { joules, perJoule, si } from '../../core/cost/cost-text';

/** Marks a figure as an estimate where it is shown. */
const ESTIMATE = 'Estimated from counts, not measured (the note under the table says how).';

/** A model's estimated energy per prediction at fp32: the range, then predictions per joule. */
export function EnergyCell({ macs, parameters }: { macs: number | null; parameters: number }) {
  if (macs === null) {
    return <td title="An imported teacher's layers are not the playground's to count">—</td>;
  }
  const { fp32 } = energyPerPrediction(macs, parameters);
  return (
    <td title={ESTIMATE}>
      ≈ {joules(fp32)}
      <br />
      <small title="predictions per joule">{perJoule(fp32)}</small>
    </td>
  );
}

/** What training the model cost: time in the worker and arithmetic; its estimated energy below. */
export function TrainingCell({ cost }: { cost: TrainingCost | undefined }) {
  if (!cost) return <td>—</td>;
  return (
    <td
      title={`${cost.steps.toLocaleString('en-US')} steps, ${cost.samples.toLocaleString('en-US')} examples seen${cost.seconds === null ? '; not timed in this run' : ''}`}
    >
      {si(cost.flops, 'FLOP')}
      <br />
      <small>{cost.seconds === null ? 'not timed here' : `${cost.seconds.toFixed(1)} s`}</small>
      <br />
      <small title={ESTIMATE}>≈ {joules(cost.energyJ)}</small>
    </td>
  );
}

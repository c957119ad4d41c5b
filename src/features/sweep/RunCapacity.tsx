import { capacityAcrossSeeds, capacityFromSeed, describeCapacity } from '../../core/capacity';
import { capacityPairs, rosterSizes, seedSizes } from '../../core/capacity-roster';
import { useDisplayedConfig } from '../../state/displayed-config';
import { isFinished, useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { CapacityChart } from './CapacityChart';
import { ONE_SEED } from './CapacityResults';
import { CapacityTable } from './CapacityTable';

/**
 * A run whose own students are a KD and a scratch student of several networks (the "How small
 * can the student go?" preset): its capacity chart, table and sentence, over its seeds once all
 * have finished, else over the run's own seed's test rows.
 */
export function RunCapacity() {
  const config = useDisplayedConfig();
  const summary = useRunStore((s) => s.run?.summary);
  const comparisons = useRunStore((s) => s.run?.comparisons);
  const seeds = useRunStore((s) => s.run?.seeds);
  const ended = useRunStore((s) => isFinished(s.run));
  if (!capacityPairs(config) || !summary || !ended) return null;
  const pooled = seeds && seeds.length > 1 ? seedSizes(config, seeds) : null;
  const own = rosterSizes(config, summary, comparisons);
  const rows = pooled ? capacityAcrossSeeds(pooled) : own && capacityFromSeed(own);
  if (!rows) return null;
  const basis = pooled ? `${pooled.length} seeds, paired t-tests` : ONE_SEED;
  return (
    <Figure
      id="run-capacity"
      caption="Student size"
      note={`This run's students are a KD and a scratch student of each network: test accuracy against parameters (log scale), ${pooled ? `means over ${pooled.length} seeds with 95 % t intervals` : '95 % intervals over the test rows (one seed)'}, the teacher's accuracy as a dashed line; the gain's p-values Holm-adjusted over the networks.`}
    >
      <p className="field-hint">{describeCapacity(rows, basis)}</p>
      <CapacityChart rows={rows} teacher={summary.teacher?.accuracy} />
      <CapacityTable rows={rows} />
    </Figure>
  );
}

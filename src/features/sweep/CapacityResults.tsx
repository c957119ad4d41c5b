import { capacityFromSeed, describeCapacity } from '../../core/capacity';
import type { SweepSize } from '../../protocol/analysis';
import { CapacityChart } from './CapacityChart';
import { CapacityTable } from './CapacityTable';

/** Intervals of one seed: the test rows' sampling error, as the sentence says. */
export const ONE_SEED = '1 seed, McNemar on the test rows';

/** A capacity sweep's networks as rows with their intervals (one seed: the test rows'). */
export const sizeRows = (sizes: readonly SweepSize[]) =>
  capacityFromSeed(
    sizes.map((z) => ({
      hidden: z.hidden,
      parameters: z.parameters,
      distilled: z.distilled.accuracy,
      scratch: z.scratch.accuracy,
      counts: z.paired,
    })),
  );

/** The sentence, the chart and the table of a capacity sweep's finished networks. */
export function CapacityResults({
  sizes,
  teacher,
}: {
  sizes: readonly SweepSize[];
  teacher: number | undefined;
}) {
  if (sizes.length === 0) return null;
  const rows = sizeRows(sizes);
  return (
    <>
      <p className="field-hint" aria-live="polite">
        {describeCapacity(rows, ONE_SEED)}
      </p>
      <CapacityChart rows={rows} teacher={teacher} />
      <CapacityTable rows={rows} />
    </>
  );
}

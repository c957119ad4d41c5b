/** The Claims panel's marks for the command line's JSON, from the run's own seed. */
import { type TransferEvidence, checkClaims } from '../../src/core/claims';
import type { DatasetName } from '../../src/core/config';
import { testRowsWord } from '../../src/core/data/class-names';
import type { FinalReport } from '../../src/core/engine/headless';

/** The command line times no inference, so the "faster" claim says it was not measured. */
export function cliClaims(
  own: FinalReport,
  dataset: DatasetName,
  transfer: TransferEvidence | null,
) {
  return checkClaims({
    summary: own.models,
    students: own.students,
    latency: null,
    rows: testRowsWord(dataset),
    transfer,
  });
}

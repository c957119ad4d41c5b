import type { TransferEvidence } from '../../core/claims';
import { DATASET_LABELS } from '../../core/config';
import { distilledVsScratch } from '../../core/transfer';
import type { SweepState } from '../../state/sweep-store';

/** The Transfer panel's finished study as the "adapts" claim's evidence; null before one. */
export function transferEvidence(study: SweepState): TransferEvidence | null {
  const { request, transfer } = study;
  if (request.axis !== 'transfer' || !transfer?.versus) return null;
  const versus = distilledVsScratch([transfer.versus]);
  if (!versus) return null;
  const mode = request.mode === 'probe' ? 'probe' : 'fine-tune';
  return {
    target: `${DATASET_LABELS[request.target]} (${transfer.labeledRows} labels, ${mode})`,
    ...versus,
  };
}

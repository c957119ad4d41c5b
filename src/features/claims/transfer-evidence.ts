import type { TransferEvidence } from '../../core/claims';
import { type TransferStudy, targetLabel, transferFigures } from '../../core/transfer';

/** A finished transfer (every seed it trained) as the "adapts" claim's evidence; null without one. */
export function transferEvidence({ spec, seeds }: TransferStudy): TransferEvidence | null {
  const { versus } = transferFigures(seeds);
  if (!versus) return null;
  const mode = spec.mode === 'probe' ? 'probe' : 'fine-tune';
  const labels = `${seeds[0]?.labeledRows ?? 0} labels`;
  const over = seeds.length > 1 ? `, ${seeds.length} seeds` : '';
  return { target: `${targetLabel(spec)} (${labels}, ${mode}${over})`, ...versus };
}

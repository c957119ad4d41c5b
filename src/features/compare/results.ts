import type { ModelRole } from '../../protocol/messages';
import type { RunState } from '../../state/run-store';

export interface ModelResult {
  accuracy?: number;
  agreement?: number;
}

/**
 * The numbers the table shows for a model: the run's final summary when there is one, otherwise
 * its latest epoch evaluation, so the table fills while training.
 */
export function resultOf(
  run: Pick<RunState, 'summary' | 'epochs'> | null,
  role: ModelRole,
): ModelResult {
  if (!run) return {};
  const summary = run.summary[role];
  if (summary) return { accuracy: summary.accuracy, agreement: summary.agreement };
  const latest = run.epochs.filter((e) => e.model === role).at(-1);
  return latest ? { accuracy: latest.testAccuracy, agreement: latest.agreement } : {};
}

/** The distillation gain in words: what distillation bought over the scratch student, or didn't. */
export function gainSentence(distilled: number, scratch: number): string {
  const gap = (distilled - scratch) * 100;
  const both = `distilled ${(distilled * 100).toFixed(1)} % vs scratch ${(scratch * 100).toFixed(1)} %`;
  if (Math.abs(gap) < 0.05) return `Distillation made no difference here (${both}).`;
  if (gap > 0)
    return `Distillation gained ${gap.toFixed(1)} percentage points of test accuracy (${both}).`;
  return `Distillation cost ${(-gap).toFixed(1)} percentage points here: the scratch student did better (${both}).`;
}

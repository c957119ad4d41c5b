import { testRowsWord } from '../../core/data/class-names';
import { type SeedSummary, summarizeSeeds } from '../../core/seed-summary';
import {
  describeAgreement,
  describeComparison,
  describeRunGain,
  describeSeedGain,
} from '../../core/significance/describe';
import type { ModelId } from '../../protocol/messages';
import { latestByModel } from '../../state/latest-epoch';
import type { RunState } from '../../state/run-store';
import { Z_975 } from '../../core/significance/paired';
import { percent } from '../../ui/format';

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
  role: ModelId,
): ModelResult {
  if (!run) return {};
  const summary = run.summary[role];
  if (summary) return { accuracy: summary.accuracy, agreement: summary.agreement };
  const latest = latestByModel(run.epochs).get(role);
  return latest ? { accuracy: latest.testAccuracy, agreement: latest.agreement } : {};
}

/** The seeds of a repeated run taken together, once at least two have finished. */
export function acrossSeeds(run: Pick<RunState, 'seeds'> | null): SeedSummary | null {
  return run && run.seeds.length > 1 ? summarizeSeeds(run.seeds) : null;
}

type GainInput = Pick<RunState, 'seeds' | 'students' | 'summary' | 'epochs' | 'comparisons'> & {
  dataset: string;
};

/**
 * The distillation gain in words, with how sure it is: across seeds once two have finished; for
 * one run, paired on its test rows once both students are final; while they train, the latest
 * epoch's gap, said to be provisional. Null before the students have an epoch.
 */
export function gainSentences(run: GainInput): string[] | null {
  const rows = testRowsWord(run.dataset);
  const seeds = acrossSeeds(run);
  const comparisons = run.comparisons ?? [];
  if (comparisons.length > 0 && !seeds?.gain) {
    const lines = comparisons.map((c) => describeComparison(c, rows, comparisons.length).text);
    if (comparisons.length > 1) {
      lines.push(
        `${comparisons.length} comparisons (each student against the scratch or label-smoothing student of its network, or the teacher of its shape): their p-values are adjusted with Holm's method, so a difference called a gain or a cost holds with the others tested too.`,
      );
    }
    return lines;
  }
  if (seeds?.gain) {
    // Across seeds: the first pair's gain; the list's other comparisons are one seed's, said so.
    const one = comparisons.map(
      (c) => `On the seed shown alone — ${describeComparison(c, rows, comparisons.length).text}`,
    );
    return [describeSeedGain(seeds.gain).text, ...one];
  }
  if (run.students) {
    const { accuracy, agreement } = run.students;
    const lines = [describeRunGain(accuracy, rows).text];
    if (agreement) lines.push(describeAgreement(agreement, rows).text);
    return lines;
  }
  const distilled = resultOf(run, 'distilled').accuracy;
  const scratch = resultOf(run, 'scratch').accuracy;
  if (distilled === undefined || scratch === undefined) return null;
  return [
    `So far: distilled ${percent(distilled)} vs scratch ${percent(scratch)} at the latest epoch. Whether the difference is more than chance is tested once the students finish.`,
  ];
}

/** Half-width of a 95 % normal interval for an accuracy measured on `n` rows, as a fraction. */
export function samplingHalfWidth(accuracy: number, n: number): number {
  return Z_975 * Math.sqrt((accuracy * (1 - accuracy)) / n);
}

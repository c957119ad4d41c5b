/** A repeated run's seeds taken together: each model's mean with its interval, and the gain's. */
import type { SeedResult } from './results';
import type { ModelId } from './roles';
import { MODEL_ROLES } from './roles';
import {
  type MeanInterval,
  type PairedSeeds,
  meanInterval,
  pairedSeeds,
} from './significance/seeds';

export interface ModelAcrossSeeds {
  accuracy: MeanInterval;
  agreement?: MeanInterval;
}

export interface SeedSummary {
  /** The seeds that finished, in the order they ran. */
  seeds: number[];
  models: Partial<Record<ModelId, ModelAcrossSeeds>>;
  /** Distilled minus scratch test accuracy, paired by seed; absent until both students exist. */
  gain?: PairedSeeds;
  /** Distilled minus scratch agreement with the teacher, paired by seed. */
  agreementGain?: PairedSeeds;
}

export function summarizeSeeds(results: readonly SeedResult[]): SeedSummary {
  const models: SeedSummary['models'] = {};
  // Every model the seeds report (a run's list may hold more than the principal pair).
  const ids = [...new Set([...MODEL_ROLES, ...results.flatMap((r) => Object.keys(r.models))])];
  for (const role of ids as ModelId[]) {
    const summaries = results.flatMap((r) => r.models[role] ?? []);
    if (summaries.length !== results.length || summaries.length === 0) continue;
    const agreements = summaries.flatMap((s) => s.agreement ?? []);
    models[role] = {
      accuracy: meanInterval(summaries.map((s) => s.accuracy)),
      ...(agreements.length === summaries.length ? { agreement: meanInterval(agreements) } : {}),
    };
  }
  const summary: SeedSummary = { seeds: results.map((r) => r.seed), models };
  const pairs = results.flatMap((r) => {
    const { distilled, scratch } = r.models;
    return distilled && scratch ? [{ distilled, scratch }] : [];
  });
  if (pairs.length === results.length && pairs.length > 0) {
    summary.gain = pairedSeeds(
      pairs.map((p) => p.distilled.accuracy),
      pairs.map((p) => p.scratch.accuracy),
    );
    const agree = pairs.flatMap(({ distilled, scratch }) =>
      distilled.agreement === undefined || scratch.agreement === undefined
        ? []
        : [[distilled.agreement, scratch.agreement] as const],
    );
    if (agree.length === pairs.length) {
      summary.agreementGain = pairedSeeds(
        agree.map(([d]) => d),
        agree.map(([, s]) => s),
      );
    }
  }
  return summary;
}

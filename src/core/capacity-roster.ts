/**
 * A run whose own students are a capacity sweep (the "How small can the student go" preset: a KD
 * and a scratch student of each of several networks): its networks as the capacity view reads
 * them, from the run's summary and comparisons, or from its seeds.
 */
import type { ExperimentConfig } from './config';
import { modelParameters } from './config';
import { type SizeResult, sizeLabel } from './capacity';
import { formatLayers } from './layers';
import type { ModelSummary, SeedResult } from './results';
import type { ModelId } from './roles';
import type { StudentComparison } from './significance/paired';
import { architectureKey, hiddenOf, scratchPairs, studentIds, studentsOf } from './students';

/** Each network's KD student and its scratch twin, by index; null unless there are two or more. */
export function capacityPairs(
  config: ExperimentConfig,
): { student: number; scratch: number }[] | null {
  const students = studentsOf(config);
  const key = (i: number) =>
    architectureKey(hiddenOf(students[i] ?? { name: '', kind: 'kd' }, config.studentHidden));
  const seen = new Set<string>();
  const pairs = scratchPairs(students, config.studentHidden).filter((p) => {
    if (students[p.student]?.kind !== 'kd' || seen.has(key(p.student))) return false;
    seen.add(key(p.student));
    return true;
  });
  return pairs.length >= 2 ? pairs : null;
}

/**
 * One seed's networks: each pair's accuracies from `models`, its discordant rows from the run's
 * comparisons (absent for a seed other than the run's own: zero counts).
 */
export function rosterSizes(
  config: ExperimentConfig,
  models: Partial<Record<ModelId, ModelSummary>>,
  comparisons: readonly StudentComparison[] = [],
): SizeResult[] | null {
  const pairs = capacityPairs(config);
  if (!pairs) return null;
  const ids = studentIds(config);
  const students = studentsOf(config);
  const sizes: SizeResult[] = [];
  for (const { student, scratch } of pairs) {
    const [kdId, scId] = [ids[student], ids[scratch]];
    const [kd, sc] = [kdId && models[kdId], scId && models[scId]];
    if (!kdId || !kd || !sc) return null;
    const c = comparisons.find((x) => x.kdIndex === student && x.scratchIndex === scratch);
    const hidden = hiddenOf(students[student] ?? { name: '', kind: 'kd' }, config.studentHidden);
    const dense = hidden.flatMap((l) => (l.kind === 'dense' ? [l.units] : []));
    sizes.push({
      // As the sweep writes networks ("32x32") where every layer is dense.
      hidden: dense.length === hidden.length ? sizeLabel(dense) : formatLayers(hidden),
      parameters: modelParameters(config, kdId),
      distilled: kd.accuracy,
      scratch: sc.accuracy,
      counts: c?.counts ?? { n: 0, onlyFirst: 0, onlySecond: 0 },
    });
  }
  return sizes;
}

/** Every seed's networks, the run's own first; null while a seed lacks one. */
export function seedSizes(
  config: ExperimentConfig,
  seeds: readonly SeedResult[],
): SizeResult[][] | null {
  const all = seeds.map((s) => rosterSizes(config, s.models));
  return all.every((s): s is SizeResult[] => s !== null) ? all : null;
}

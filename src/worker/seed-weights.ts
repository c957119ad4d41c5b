/**
 * A repeated run's seeds, held as plain weights on the CPU once trained, so a person can study any
 * seed's models after the run: its experiment is rebuilt from its seed and these values.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { Experiment } from '../core/engine/experiment';
import { buildExperiment } from '../core/engine/load-teacher';
import { assignWeights, networkVariables } from '../core/engine/network';
import { errorText } from '../core/error-text';
import type { ModelId } from '../protocol/messages';
import type { TrainingLog } from '../core/engine/training-log';
import type { OtherSeeds } from './ended';

/**
 * Every variable of each model, in `networkVariables` order (none for an imported teacher), and
 * the seed's training log, so a rebuilt seed reports what its training cost.
 */
export interface SeedWeights {
  models: Partial<Record<ModelId, Float32Array[]>>;
  log: TrainingLog;
}

export async function readWeights(exp: Experiment): Promise<SeedWeights> {
  const models: SeedWeights['models'] = {};
  for (const role of exp.modelIds) {
    const values: Float32Array[] = [];
    for (const v of trainedVariables(exp, role)) values.push((await v.data()) as Float32Array);
    models[role] = values;
  }
  return { models, log: exp.log };
}

/** The variables of `role` trained in this experiment (an imported teacher has none). */
function trainedVariables(exp: Experiment, role: ModelId): tf.Variable[] {
  return role === 'teacher' && exp.ready ? [] : networkVariables(exp.network(role));
}

/** Puts `weights` into an experiment built from the same configuration and seed. */
export function assignSeedWeights(exp: Experiment, weights: SeedWeights): void {
  for (const role of exp.modelIds) {
    try {
      assignWeights(trainedVariables(exp, role), weights.models[role] ?? []);
    } catch (e) {
      throw new Error(`The ${role}'s kept weights do not fit: ${errorText(e)}`, { cause: e });
    }
  }
}

/**
 * Seed `index` of a repeated run rebuilt from its kept weights, beside `current` (seed
 * `currentIndex` of the same run): same configuration, its own seed, so its own split.
 */
export async function rebuildSeed(
  current: Experiment,
  currentIndex: number,
  index: number,
  weights: SeedWeights,
  loadDataset: (config: ExperimentConfig) => Promise<Dataset>,
): Promise<Experiment> {
  const seed = current.config.seed - currentIndex + index;
  const config = { ...current.config, seed };
  const dataset = await loadDataset(config);
  const exp = await buildExperiment(dataset, config, current.ready);
  try {
    assignSeedWeights(exp, weights);
    exp.log.copyFrom(weights.log);
    await exp.finishTeacher();
  } catch (e) {
    exp.dispose();
    throw e;
  }
  return exp;
}

/** A repeated run's finished seeds, by index, as weights; the run's experiment holds `studied`. */
export class KeptSeeds {
  private readonly seeds = new Map<number, SeedWeights>();
  private studied = 0;

  /** `loadDataset`: a seed's data, to rebuild it. */
  constructor(private readonly loadDataset: (config: ExperimentConfig) => Promise<Dataset>) {}

  /** A new run: nothing kept, its own seed studied. */
  clear(): void {
    this.seeds.clear();
    this.studied = 0;
  }

  keep(index: number, weights: SeedWeights): void {
    this.seeds.set(index, weights);
  }

  has(index: number): boolean {
    return this.seeds.has(index);
  }

  /** The kept seeds besides the one studied, as an ended run offers them (ended-run.ts). */
  besides(current: Experiment): OtherSeeds {
    const indices = [...this.seeds.keys()].filter((i) => i !== this.studied).sort((a, b) => a - b);
    return { count: indices.length, each: (visit) => this.visit(current, indices, visit) };
  }

  /**
   * Seeds `indices`, each rebuilt beside `current` and handed to `visit` one at a time (then
   * released); stops when `visit` returns false, and returns false then.
   */
  private async visit(
    current: Experiment,
    indices: readonly number[],
    visit: (exp: Experiment) => Promise<boolean>,
  ): Promise<boolean> {
    for (const index of indices) {
      const weights = this.seeds.get(index) as SeedWeights;
      const exp = await rebuildSeed(current, this.studied, index, weights, this.loadDataset);
      try {
        if (!(await visit(exp))) return false;
      } finally {
        exp.dispose();
      }
    }
    return true;
  }

  /**
   * Seed `index` rebuilt beside `current` (the seed studied now, whose weights are kept first so a
   * person can switch back), now the one studied; null when there is nothing to change.
   */
  async study(current: Experiment, index: number): Promise<Experiment | null> {
    const weights = this.seeds.get(index);
    if (!weights || index === this.studied) return null;
    if (!this.seeds.has(this.studied)) this.seeds.set(this.studied, await readWeights(current));
    const exp = await rebuildSeed(current, this.studied, index, weights, this.loadDataset);
    this.studied = index;
    return exp;
  }
}

/** A run's students as networks: built from the list, each with its trainer and its batches. */
import type { BatchPlan } from '../batches';
import type { ExperimentConfig } from '../config';
import type { Layer } from '../layers';
import { type StudentSpec, architectureKey, hiddenOf, studentsOf } from '../students';
import { type Network, type NetworkSpec, cloneNetwork, createNetwork } from './network';
import { ModelTrainer } from './trainer';

/** One student of the experiment: its place in the run's list, its network and its batches. */
export interface StudentModel {
  readonly spec: StudentSpec;
  readonly hidden: readonly Layer[];
  readonly trainer: ModelTrainer;
  /**
   * The rows it learns from: every training row for a KD student on the transfer set, else the
   * labelled rows. Plans over the same pool share their seed, so their batches are identical.
   */
  readonly plan: BatchPlan;
  /** Its hard term counts only the batch's labelled rows (a KD student on the transfer set). */
  readonly masked: boolean;
}

/**
 * The students of `config`'s list. Same architecture, same initial weights: the students of one
 * network differ only in how they learn; each network's first student is drawn from the seed
 * (named "student", as the original pair's was), the others copy it.
 */
export function buildStudents(
  config: ExperimentConfig,
  base: Omit<NetworkSpec, 'hidden' | 'name'>,
  plans: { transfer: BatchPlan; labeled: BatchPlan; masked: boolean },
): StudentModel[] {
  const firstOfShape = new Map<string, Network>();
  return studentsOf(config).map((spec, i) => {
    const hidden = hiddenOf(spec, config.studentHidden);
    const key = architectureKey(hidden);
    const first = firstOfShape.get(key);
    const model = first
      ? cloneNetwork(first, `student${i}`)
      : createNetwork({ ...base, hidden, name: 'student' });
    if (!first) firstOfShape.set(key, model);
    const transfer = spec.kind === 'kd' && config.transferSet;
    return {
      spec,
      hidden,
      trainer: new ModelTrainer(model),
      plan: transfer ? plans.transfer : plans.labeled,
      masked: transfer && plans.masked,
    };
  });
}

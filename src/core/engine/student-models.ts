/** A run's students as networks: built from the list, each with its trainer and its batches. */
import * as tf from '@tensorflow/tfjs';
import type { BatchPlan } from '../batches';
import type { ExperimentConfig } from '../config';
import type { Layer } from '../layers';
import { learnsFromTeacher } from '../methods';
import { createRng, deriveSeed } from '../rng';
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
  /**
   * A hint student's regressor from its last hidden layer to the teacher's: trained with it,
   * dropped afterwards (not part of the network, its size or its exports).
   */
  readonly regressor: { weight: tf.Variable; bias: tf.Variable } | null;
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
    const transfer = learnsFromTeacher(spec.kind) && config.transferSet;
    const regressor =
      spec.kind === 'hint' ? hintRegressor(hidden, config.teacherHidden, config.seed, i) : null;
    return {
      spec,
      hidden,
      trainer: new ModelTrainer(
        model,
        regressor ? [regressor.weight, regressor.bias] : [],
        spec.probe === true,
      ),
      regressor,
      plan: transfer ? plans.transfer : plans.labeled,
      masked: transfer && plans.masked,
    };
  });
}

/** Width of the last hidden layer when it is dense; null otherwise (no hint can be read). */
export function lastDenseWidth(hidden: readonly Layer[]): number | null {
  const last = hidden.at(-1);
  return last?.kind === 'dense' ? last.units : null;
}

/** W (d_s × d_t, Glorot-uniform from the run's seed) and b (zeros) of student `index`'s hint. */
function hintRegressor(
  student: readonly Layer[],
  teacher: readonly Layer[],
  seed: number,
  index: number,
): { weight: tf.Variable; bias: tf.Variable } {
  const [ds, dt] = [lastDenseWidth(student), lastDenseWidth(teacher)];
  if (ds === null || dt === null) {
    throw new Error('Hints need a dense last hidden layer in both the teacher and the student.');
  }
  const rng = createRng(deriveSeed(seed, `hint-regressor:${index}`));
  const limit = Math.sqrt(6 / (ds + dt));
  const values = Float32Array.from({ length: ds * dt }, () => (2 * rng.next() - 1) * limit);
  return { weight: owned(tf.tensor2d(values, [ds, dt])), bias: owned(tf.zeros([dt])) };
}

/** A trainable variable that takes over `initial` (which is released). */
function owned(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial, true);
  initial.dispose();
  return v;
}

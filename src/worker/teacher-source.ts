/**
 * Where a run's teacher comes from — trained now, the previous run's finished teacher, or an
 * uploaded file — and the dataset summary a new experiment announces.
 */
import type * as tf from '@tensorflow/tfjs';
import { type ExperimentConfig, sameTeacher } from '../core/config';
import type { DatasetInfo } from '../core/data/dataset';
import type { Experiment } from '../core/engine/experiment';
import { assignWeights, networkVariables } from '../core/engine/network';

export type TeacherSource = 'train' | 'previous' | 'imported';

/**
 * The previous run's finished teacher, as copies of its weights, when `config` trains the same
 * teacher on the same data; null otherwise. Clones share the variables' data on the device, so
 * they outlive the old experiment.
 */
export function reusableTeacher(
  previous: Experiment | null,
  config: ExperimentConfig,
): tf.Tensor[][] | null {
  // An imported teacher is not the network the configuration describes: nothing to reuse.
  if (!previous?.hasSoftTargets || previous.ready || !sameTeacher(previous.config, config)) {
    return null;
  }
  return previous.teacher.model.weights.map(({ kernel, bias }) => [kernel.clone(), bias.clone()]);
}

/** Puts the copied teacher weights into `exp`'s teacher and releases the copies. */
export function adoptTeacher(exp: Experiment, teacher: tf.Tensor[][]): void {
  try {
    assignWeights(networkVariables(exp.teacher.model), teacher.flat());
  } finally {
    for (const pair of teacher) for (const t of pair) t.dispose();
  }
}

export function datasetInfo(exp: Experiment): DatasetInfo {
  const { name, features, classes, yTrain, yTest } = exp.dataset;
  return {
    name,
    features,
    classes,
    train: yTrain.length,
    test: yTest.length,
    labeled: exp.labeledRows.length,
  };
}

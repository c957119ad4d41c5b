/**
 * Where a run's teacher comes from — trained now, the previous run's finished teacher, or an
 * uploaded file — and the dataset summary a new experiment announces.
 */
import * as tf from '@tensorflow/tfjs';
import { type ExperimentConfig, sameTeacher } from '../core/config';
import type { DatasetInfo } from '../core/data/dataset';
import type { Experiment } from '../core/engine/experiment';
import { assignWeights, networkVariables } from '../core/engine/network';
import { type TeacherOutputs, copyOutputs, disposeOutputs } from '../core/engine/teacher-outputs';

export type TeacherSource = 'train' | 'previous' | 'imported';

/** A finished teacher carried into the next run: its weights and its outputs on the same rows. */
export interface ReusedTeacher {
  weights: tf.Tensor[][];
  outputs: TeacherOutputs;
}

/**
 * The previous run's finished teacher, as copies of its weights and outputs (soft targets, test
 * predictions), when `config` trains the same teacher on the same data; null otherwise. Clones
 * share the tensors' data on the device, so they outlive the old experiment.
 */
export function reusableTeacher(
  previous: Experiment | null,
  config: ExperimentConfig,
): ReusedTeacher | null {
  const outputs = previous?.teacherOutputs;
  // An imported teacher is not the network the configuration describes: nothing to reuse.
  if (!outputs || previous.ready || !sameTeacher(previous.config, config)) return null;
  const { weights } = previous.teacher.model;
  return {
    weights: weights.map(({ kernel, bias }) => [kernel.clone(), bias.clone()]),
    outputs: copyOutputs(outputs),
  };
}

/**
 * Puts the copied teacher weights into `exp`'s teacher (releasing the copies) and hands it the
 * outputs, so its soft targets need no forward pass.
 */
export function adoptTeacher(exp: Experiment, teacher: ReusedTeacher): void {
  exp.carryTeacherOutputs(teacher.outputs);
  try {
    assignWeights(networkVariables(exp.teacher.model), teacher.weights.flat());
  } finally {
    tf.dispose(teacher.weights.flat());
  }
}

/** Releases a reused teacher's copies that no experiment took (the run stopped before). */
export function releaseTeacher(teacher: ReusedTeacher): void {
  tf.dispose(teacher.weights.flat());
  disposeOutputs(teacher.outputs);
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

/**
 * How many Adam steps the students take, as the page can tell before any data is loaded: an
 * epoch is one pass over the largest student pool — every training row when the transfer set is on
 * and a student learns from the teacher, else only the labelled rows — and every student takes as
 * many (as `Experiment.studentStepsPerEpoch` counts them once the data is there).
 */
import type { ExperimentConfig } from '../config';
import { CSV_TEST_FRACTION } from './csv';
import { MNIST_TRAIN_COUNT } from './image-file';
import { FASHION_TRAIN_COUNT } from './class-names';
import { SYNTHETIC_TEST_FRACTION } from './synthetic';
import { learnsFromTeacher } from '../methods';
import { type StudentSpec, studentsOf } from '../students';

/** Training rows of the configured dataset, as its loader splits it. */
export function trainRows(config: Pick<ExperimentConfig, 'dataset' | 'csv' | 'samples'>): number {
  if (config.dataset === 'mnist') return MNIST_TRAIN_COUNT;
  if (config.dataset === 'fashion-mnist') return FASHION_TRAIN_COUNT;
  if (config.dataset === 'csv') {
    return Math.round((config.csv?.rows ?? 0) * (1 - CSV_TEST_FRACTION));
  }
  return Math.round(config.samples * (1 - SYNTHETIC_TEST_FRACTION));
}

export interface StudentSteps {
  /** Rows in the distilled student's pool (about: the labelled share is stratified by class). */
  pool: number;
  perEpoch: number;
  total: number;
}

export function studentSteps(
  config: Pick<
    ExperimentConfig,
    | 'dataset'
    | 'csv'
    | 'samples'
    | 'labeledFraction'
    | 'transferSet'
    | 'batchSize'
    | 'studentEpochs'
  > & { students?: readonly StudentSpec[] },
): StudentSteps {
  const all = trainRows(config);
  const transfer = config.transferSet && studentsOf(config).some((s) => learnsFromTeacher(s.kind));
  const pool = transfer ? all : Math.max(1, Math.round(all * config.labeledFraction));
  const perEpoch = Math.ceil(pool / config.batchSize);
  return { pool, perEpoch, total: perEpoch * config.studentEpochs };
}

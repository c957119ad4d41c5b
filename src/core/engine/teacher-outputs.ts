/** What a finished teacher gives its students: soft targets on the training rows, test predictions. */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config';
import { methodProblem } from '../methods';
import { studentsOf } from '../students';
import { predictLogits, predictLogitsAwaited } from './predict';
import type { Predictor } from './ready-teacher';

/** Called after each chunk of rows the teacher has run on, awaited (progress, yielding). */
export type RowsDone = (done: number, total: number) => Promise<void>;

/**
 * The teacher's logits on every training row (the soft targets) and its top-1 class on every test
 * row. With `onRows`, chunk by chunk as the rows finish; else all enqueued at once. Throws when a
 * logit is not finite: no soft targets can be formed from it.
 */
export async function teacherOutputs(
  teacher: Predictor,
  xTrain: tf.Tensor2D,
  xTest: tf.Tensor2D,
  onRows?: RowsDone,
): Promise<TeacherOutputs> {
  const train = xTrain.shape[0];
  const total = train + xTest.shape[0];
  const soft = onRows
    ? await predictLogitsAwaited(teacher, xTrain, (done) => onRows(done, total))
    : predictLogits(teacher, xTrain);
  const test = onRows
    ? await predictLogitsAwaited(teacher, xTest, (done) => onRows(train + done, total))
    : predictLogits(teacher, xTest);
  return formOutputs(soft, test);
}

/** The soft targets and test predictions from logits computed elsewhere (the fused kernels). */
export function outputsOf(
  soft: Float32Array,
  test: Float32Array,
  classes: number,
): Promise<TeacherOutputs> {
  const logits = (values: Float32Array) => tf.tensor2d(values, [values.length / classes, classes]);
  return formOutputs(logits(soft), logits(test));
}

export interface TeacherOutputs {
  soft: tf.Tensor2D;
  testPredictions: tf.Tensor1D;
}

/** Copies of a finished teacher's outputs, for an experiment with the same teacher and rows. */
export function copyOutputs({ soft, testPredictions }: TeacherOutputs): TeacherOutputs {
  return { soft: soft.clone(), testPredictions: testPredictions.clone() };
}

export function disposeOutputs(outputs: TeacherOutputs | null): void {
  if (outputs) tf.dispose([outputs.soft, outputs.testPredictions]);
}

/** Takes over both tensors; throws when a logit is not finite. */
async function formOutputs(soft: tf.Tensor2D, test: tf.Tensor2D): Promise<TeacherOutputs> {
  const finite = tf.tidy(() => tf.all(tf.isFinite(tf.concat([soft, test], 0))));
  const ok = (await finite.data())[0] === 1;
  finite.dispose();
  if (!ok) {
    tf.dispose([soft, test]);
    throw new Error(
      'The teacher gives non-finite logits (NaN or ∞) on some rows of this dataset; no soft targets can be formed from them.',
    );
  }
  const testPredictions = tf.tidy(() => tf.argMax<tf.Tensor1D>(test, 1));
  test.dispose();
  return { soft, testPredictions };
}

/** Why a student of `config` cannot learn from an imported teacher; null when all can. */
export function importedTeacherProblem(config: ExperimentConfig, classes: number): string | null {
  const facts = { classes, importedTeacher: true, teacherLastDense: true, studentLastDense: true };
  for (const s of studentsOf(config)) {
    const problem = methodProblem(s.kind, facts);
    if (problem) return problem;
  }
  return null;
}

/**
 * What the fused path will run for an experiment, known before it builds: whether a conv block
 * trains (the self-check then takes one too), and every matmul shape (for the tuner).
 */
import { inputShape } from '../../config';
import { hasConv } from '../../layers';
import type { Experiment, StudentModel } from '../experiment';
import { networkLayout } from './layout';
import { type MatmulShape, networkShapes } from './matmul-shapes';

/** Whether the fused path trains a conv block in `exp` (its self-check then takes one too). */
export function runHasConv(exp: Experiment): boolean {
  return (
    exp.students.some((s) => hasConv(s.hidden)) || (!exp.ready && hasConv(exp.config.teacherHidden))
  );
}

/** The teacher's last hidden width when `student` learns from hints (its regressor's output). */
export function hintWidth(student: StudentModel): number | undefined {
  const weight = student.regressor?.weight;
  return weight?.shape[1];
}

/**
 * Every matmul shape the fused path will run for `exp`, for the tuner: the dense layers' (a conv
 * block's kernels are not matmuls) and the hint regressors'.
 */
export function fusedShapes(exp: Experiment): MatmulShape[] {
  const { dataset, config } = exp;
  const input = inputShape(config);
  const networks = exp.students.map((s) => s.hidden);
  if (!exp.ready) networks.push(config.teacherHidden);
  const dense = networks.flatMap((hidden) => {
    const { widths, convs } = networkLayout(input, hidden, dataset.classes, 1);
    return networkShapes(widths, config.batchSize, convs);
  });
  // A hint's regressor runs as the matmuls of a dense layer from the student's last hidden layer.
  const hints = exp.students.flatMap((s) => {
    const width = hintWidth(s);
    const last = s.hidden.at(-1);
    return width === undefined || last?.kind !== 'dense'
      ? []
      : networkShapes([last.units, last.units, width], config.batchSize).slice(2);
  });
  return [...dense, ...hints];
}

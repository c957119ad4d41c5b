/**
 * The loss one student takes at a step, by its method: what `ModelTrainer.step` minimises. Every
 * teacher-side input is cached or frozen (the soft targets, the teacher's hidden layer without
 * dropout), so no student ever trains the teacher.
 */
import type * as tf from '@tensorflow/tfjs';
import { type MethodParam, paramAt, warmupFactor } from '../methods';
import type { StepSettings } from '../schedule';
import { distillationLoss, hardTerm } from './distill';
import { dkdLoss, hintTerm, lsLoss } from './method-terms';
import type { StudentModel } from './student-models';

/** What a batch offers a student's loss besides its own logits. */
export interface BatchTargets {
  labels: tf.Tensor1D;
  /** The batch rows' cached teacher logits. */
  teacherLogits: () => tf.Tensor2D;
  /** The teacher's last hidden layer on the batch (for hints). */
  teacherHidden: () => tf.Tensor2D;
  /** 1 where a row's label may be used; absent: every row's may. */
  labelMask?: tf.Tensor1D;
  /** The 0-based student epoch the step belongs to (DKD's warm-up). */
  epoch: number;
}

export type StudentLoss = (logits: tf.Tensor2D, lastHidden: tf.Tensor2D | null) => tf.Scalar;

export function studentLoss(
  student: StudentModel,
  settings: StepSettings,
  batch: BatchTargets,
): StudentLoss {
  const { spec } = student;
  const { labels, labelMask } = batch;
  const { temperature, alpha } = settings;
  // The sliders' student takes its method parameter (β, ε, γ) from the step where it has one.
  const param = (p: MethodParam) => paramAt(spec, p, settings) ?? 0;
  switch (spec.kind) {
    case 'scratch':
      return (logits) => hardTerm(logits, labels);
    case 'ls':
      return (logits) => lsLoss(logits, labels, { epsilon: param('epsilon') });
    case 'kd': {
      const teacher = batch.teacherLogits();
      return (logits) =>
        distillationLoss(logits, teacher, labels, { temperature, alpha, labelMask });
    }
    case 'dkd': {
      const teacher = batch.teacherLogits();
      const p = {
        temperature,
        alpha,
        beta: param('beta'),
        ce: param('ce'),
        warmup: warmupFactor(param('warmup'), batch.epoch),
        labelMask,
      };
      return (logits) => dkdLoss(logits, teacher, labels, p);
    }
    case 'hint': {
      const teacher = batch.teacherLogits();
      const teacherHidden = batch.teacherHidden();
      const { regressor } = student;
      if (!regressor) throw new Error(`${spec.name} has no hint regressor.`);
      const gamma = param('gamma');
      return (logits, lastHidden) => {
        if (!lastHidden) throw new Error(`${spec.name}'s last hidden layer is not dense.`);
        const kd = distillationLoss(logits, teacher, labels, { temperature, alpha, labelMask });
        const hint = hintTerm(
          lastHidden,
          teacherHidden,
          regressor.weight as tf.Tensor2D,
          regressor.bias as tf.Tensor1D,
          gamma,
        );
        return kd.add(hint);
      };
    }
  }
}

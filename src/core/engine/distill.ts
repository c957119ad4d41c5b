import * as tf from '@tensorflow/tfjs';

export interface DistillOptions {
  temperature: number;
  /** Weight of the soft (teacher) term; 0 is plain supervised training. */
  alpha: number;
  /**
   * 1 for rows whose hard label may be used, 0 for transfer-set rows that only have soft targets.
   * The hard term then averages over labelled rows only. Omitted: every row is labelled.
   */
  labelMask?: tf.Tensor1D;
}

export interface DistillTerms {
  /** T² · KL(teacher_T ‖ student_T), averaged over the batch (the golden file's "soft"). */
  soft: tf.Scalar;
  /** Cross-entropy of the student at T = 1 against the labels, averaged over labelled rows. */
  hard: tf.Scalar;
}

/** T² times the batch-mean KL divergence between the softened teacher and student distributions. */
export function softTerm(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  return tf.tidy(() => {
    const logStudent = tf.logSoftmax(tf.div(studentLogits, temperature));
    const logTeacher = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const perRow = tf.sum(tf.mul(tf.exp(logTeacher), tf.sub(logTeacher, logStudent)), 1);
    return tf.mul(tf.mean(perRow), temperature * temperature);
  });
}

/**
 * Cross-entropy against integer labels, averaged over the rows the mask keeps (all by default);
 * with `epsilon`, against the smoothed targets (1 − ε) · one-hot + ε / K (label smoothing).
 */
export function hardTerm(
  studentLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  labelMask?: tf.Tensor1D,
  epsilon = 0,
): tf.Scalar {
  return tf.tidy(() => {
    const classes = studentLogits.shape[1];
    const oneHot = tf.oneHot(tf.cast(labels, 'int32'), classes);
    // ε = 0 takes no extra ops: the plain term stays bit for bit what it was.
    const targets = epsilon === 0 ? oneHot : tf.add(tf.mul(oneHot, 1 - epsilon), epsilon / classes);
    const perRow = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(studentLogits)), 1));
    if (!labelMask) return tf.mean(perRow);
    // max(1, ·) keeps an all-unlabelled batch at zero instead of dividing by zero.
    return tf.div(tf.sum(tf.mul(perRow, labelMask)), tf.maximum(tf.sum(labelMask), 1));
  });
}

export function distillationTerms(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  opts: DistillOptions,
): DistillTerms {
  return {
    soft: softTerm(studentLogits, teacherLogits, opts.temperature),
    hard: hardTerm(studentLogits, labels, opts.labelMask),
  };
}

/**
 * loss = alpha · T² · KL(teacher_T ‖ student_T) + (1 − alpha) · CE(labels, student_1)
 * (docs/architecture.md). The T² factor keeps the soft gradients' scale independent of T. A term whose weight
 * is zero is not computed at all: the scratch student (alpha = 0) never touches teacher logits.
 */
export function distillationLoss(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  opts: DistillOptions,
): tf.Scalar {
  const { temperature, alpha } = opts;
  return tf.tidy(() => {
    const parts: tf.Scalar[] = [];
    if (alpha > 0) parts.push(tf.mul(softTerm(studentLogits, teacherLogits, temperature), alpha));
    if (alpha < 1) parts.push(tf.mul(hardTerm(studentLogits, labels, opts.labelMask), 1 - alpha));
    return parts.length === 1 ? (parts[0] as tf.Scalar) : tf.addN(parts);
  });
}

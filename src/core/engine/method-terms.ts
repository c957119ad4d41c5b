/**
 * The methods beyond Hinton's KD as tfjs losses (autodiff gives their gradients): DKD, label
 * smoothing and the FitNets hint term. Their definitions, and the float64 versions they are tested
 * against beside PyTorch's cases, are in `core/method-losses.ts`; KD itself is `distill.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import type { DkdParams } from '../method-losses';
import { hardTerm } from './distill';

/** Added to a logit to leave its class out of a softmax (mdistiller subtracts 1000 · mask). */
const OUT = -1e9;

/**
 * Decoupled KD: ce · CE + w · (α · TCKD + β · NCKD), each teacher term × T² and averaged over the
 * batch; a row whose label may not be used (`labelMask` 0) takes the teacher's top class as its
 * target.
 */
export function dkdLoss(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  p: DkdParams & { labelMask?: tf.Tensor1D },
): tf.Scalar {
  return tf.tidy(() => {
    const T = p.temperature;
    const classes = studentLogits.shape[1];
    const given = tf.cast(labels, 'int32');
    const targets = p.labelMask
      ? tf.where(tf.greater(p.labelMask, 0), given, tf.cast(tf.argMax(teacherLogits, 1), 'int32'))
      : given;
    const gt = tf.oneHot(targets, classes).toFloat();
    const zs = tf.div(studentLogits, T);
    const zt = tf.div(teacherLogits, T);
    // log p(target) and log p(rest) of each, stably: log-sum-exps over all and over the rest.
    const binary = (z: tf.Tensor) => {
      const all = tf.logSumExp(z, 1);
      const rest = tf.logSumExp(tf.add(z, tf.mul(gt, OUT)), 1);
      const target = tf.sum(tf.mul(z, gt), 1);
      return tf.stack([tf.sub(target, all), tf.sub(rest, all)], 1);
    };
    const logBs = binary(zs);
    const logBt = binary(zt);
    const tckd = tf.mean(tf.sum(tf.mul(tf.exp(logBt), tf.sub(logBt, logBs)), 1));
    const nonTarget = (z: tf.Tensor) => tf.logSoftmax(tf.add(z, tf.mul(gt, OUT)));
    const logRs = nonTarget(zs);
    const logRt = nonTarget(zt);
    // At the target both logs are about −1e9 and its teacher weight exp(·) is 0: no term there.
    const nckd = tf.mean(
      tf.sum(tf.mul(tf.exp(logRt), tf.mul(tf.sub(logRt, logRs), tf.sub(1, gt))), 1),
    );
    const teacherTerms = tf.mul(
      tf.add(tf.mul(tckd, p.alpha), tf.mul(nckd, p.beta)),
      p.warmup * T * T,
    );
    const parts: tf.Scalar[] = [teacherTerms as tf.Scalar];
    if (p.ce > 0) parts.push(tf.mul(hardTerm(studentLogits, labels, p.labelMask), p.ce));
    return tf.addN(parts);
  });
}

/** Label smoothing: cross-entropy against (1 − ε) · one-hot + ε / K, over the labelled rows. */
export function lsLoss(
  studentLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  { epsilon, labelMask }: { epsilon: number; labelMask?: tf.Tensor1D },
): tf.Scalar {
  return hardTerm(studentLogits, labels, labelMask, epsilon);
}

/** FitNets' hint: γ · mean over every element of (h_s · W + b − h_t)². */
export function hintTerm(
  studentHidden: tf.Tensor2D,
  teacherHidden: tf.Tensor2D,
  weight: tf.Tensor2D,
  bias: tf.Tensor1D,
  gamma: number,
): tf.Scalar {
  return tf.tidy(() => {
    const fitted = tf.add(tf.matMul(studentHidden, weight), bias);
    return tf.mul(tf.mean(tf.square(tf.sub(fitted, teacherHidden))), gamma);
  });
}

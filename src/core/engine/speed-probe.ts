import * as tf from '@tensorflow/tfjs';
import { createNetwork } from './network';
import { ModelTrainer, disposeStepMetrics } from './trainer';
import { hardTerm } from './distill';
import type { ModelShape } from '../backend-choice';

export interface ProbeOptions {
  /** Timed steps stop once this much time has passed (at least `minSteps` always run). */
  budgetMs: number;
  minSteps: number;
  now: () => number;
}

/**
 * Samples per second of `step`: one untimed step that compiles, then steps until the budget is
 * spent, each drained before the next (bounding the queue keeps the clock honest on asynchronous
 * backends).
 */
export async function timeProbe(
  step: () => void,
  drain: () => Promise<unknown>,
  batchSize: number,
  opts: ProbeOptions,
): Promise<number> {
  step();
  await drain();
  const start = opts.now();
  let steps = 0;
  while (steps < opts.minSteps || opts.now() - start < opts.budgetMs) {
    step();
    steps += 1;
    await drain();
  }
  return (steps * batchSize * 1000) / (opts.now() - start);
}

/**
 * Training speed of the active backend on `shape`: a teacher step and a student step on random
 * data, after one untimed step that compiles the kernels. Leaves no tensor behind.
 */
export async function probeSpeed(shape: ModelShape, opts: ProbeOptions): Promise<number> {
  const { input, classes, batchSize } = shape;
  const { features } = input;
  const base = { input, classes, seed: 1 };
  const teacher = new ModelTrainer(
    createNetwork({ ...base, hidden: shape.teacherHidden, name: 'probe-teacher' }),
  );
  const student = new ModelTrainer(
    createNetwork({ ...base, hidden: shape.studentHidden, name: 'probe-student' }),
  );
  const x = tf.randomUniform<tf.Rank.R2>([batchSize, features], 0, 1, 'float32', 1);
  const labels = tf.randomUniform<tf.Rank.R1>([batchSize], 0, classes, 'int32', 2);
  const step = () => {
    for (const trainer of [teacher, student]) {
      const m = trainer.step(x, labels, (logits) => hardTerm(logits, labels), {
        learningRate: 1e-3,
      });
      disposeStepMetrics(m);
    }
  };
  const drain = () => drainAfter(student.model.weights.at(-1)?.bias);
  try {
    return await timeProbe(step, drain, batchSize, opts);
  } finally {
    tf.dispose([x, labels]);
    teacher.dispose();
    student.dispose();
  }
}

/** Waits for the device by reading one number that depends on `tensor`'s latest value. */
export async function drainAfter(tensor: tf.Tensor | undefined): Promise<void> {
  if (!tensor) return;
  const probe = tf.tidy(() => tf.sum(tensor));
  try {
    await probe.data();
  } finally {
    probe.dispose();
  }
}

/**
 * The pause between a teacher's last step and its students' first, on each engine: the finished
 * teacher's logits on every training row (soft targets), its test predictions and, for hint
 * students, its last hidden layer. On the fused kernels these come from the kernels that trained
 * it; tfjs runs the network forward. What `npm run bench:node` prints for a conv teacher.
 */
import type { Experiment } from '../experiment';
import { FusedSteps } from '../fused/fused-steps';
import type { VariantChoice } from '../fused/matmul-shapes';
import { type TrainingSteps, TfjsSteps } from '../training-steps';

export interface Handover {
  /** Milliseconds from the teacher's last step (finished on the device) to its outputs formed. */
  fusedMs: number;
  tfjsMs: number;
}

/** One teacher step on `steps`, waited for, then `finishTeacher` timed. */
async function timeFinish(steps: TrainingSteps, now: () => number): Promise<number> {
  steps.teacherStep(0, 0.001);
  await steps.evaluate('teacher');
  const start = now();
  await steps.finishTeacher();
  return now() - start;
}

/** The handover of `exp`'s teacher on the fused kernels, then on tfjs's (the backend in use). */
export async function timeHandover(
  exp: Experiment,
  device: GPUDevice,
  options: { now: () => number; choose?: VariantChoice },
): Promise<Handover> {
  const fused = await FusedSteps.create(exp, device, options.choose);
  let fusedMs: number;
  try {
    fusedMs = await timeFinish(fused, options.now);
  } finally {
    fused.dispose();
  }
  const tfjs = new TfjsSteps(exp);
  try {
    return { fusedMs, tfjsMs: await timeFinish(tfjs, options.now) };
  } finally {
    tfjs.dispose();
  }
}

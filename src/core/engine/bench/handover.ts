/**
 * The pause between a teacher's last step and its students' first, on each engine: the finished
 * teacher's logits on every training row (soft targets), its test predictions and, for hint
 * students, its last hidden layer. On the fused kernels these come from the kernels that trained
 * it; tfjs runs the network forward. What `npm run bench:node` prints for a conv teacher, on the
 * GPU and on the CPU.
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

/** One teacher step on `steps` (unless `untrained`), waited for, then `finishTeacher` timed. */
async function timeFinish(
  steps: TrainingSteps,
  now: () => number,
  untrained = false,
): Promise<number> {
  if (!untrained) steps.teacherStep(0, 0.001);
  await steps.evaluate('teacher');
  const start = now();
  await steps.finishTeacher();
  return now() - start;
}

/**
 * The handover of `exp`'s teacher on the fused kernels (on the GPU `on`, or the fused CPU
 * engine's), then on tfjs's (the backend in use).
 */
export async function timeHandover(
  exp: Experiment,
  on: GPUDevice | 'cpu',
  options: { now: () => number; choose?: VariantChoice },
): Promise<Handover> {
  const fused =
    on === 'cpu' ? await FusedSteps.onCpu(exp) : await FusedSteps.create(exp, on, options.choose);
  let fusedMs: number;
  try {
    fusedMs = await timeFinish(fused, options.now);
  } finally {
    fused.dispose();
  }
  const tfjs = new TfjsSteps(exp);
  try {
    // tfjs's wasm kernels cannot train conv blocks: there its teacher is timed untrained (the
    // forward passes cost what a trained network's do).
    return { fusedMs, tfjsMs: await timeFinish(tfjs, options.now, on === 'cpu') };
  } finally {
    tfjs.dispose();
  }
}

import type { Experiment } from '../core/engine/experiment';
import { FusedSteps, fusedProblem } from '../core/engine/fused/fused-steps';
import { checkOnce, describeFailure } from '../core/engine/fused/self-check';
import { type TrainingSteps, TfjsSteps } from '../core/engine/training-steps';
import { errorText } from './errors';

export interface EngineChoice {
  steps: TrainingSteps;
  /** Why a run on WebGPU trains on the tfjs engine instead of the fused kernels. */
  reason: string | null;
}

/**
 * The fused WGSL path wherever training runs on WebGPU (`device` is tfjs's), the tfjs engine
 * otherwise, for networks the fused path does not train, when the fused kernels fail their
 * self-check on this GPU, and when they fail to build.
 */
export async function chooseSteps(
  exp: Experiment,
  device: GPUDevice | null,
): Promise<EngineChoice> {
  if (!device) return { steps: new TfjsSteps(exp), reason: null };
  const problem = fusedProblem(exp);
  if (problem) return { steps: new TfjsSteps(exp), reason: problem };
  // Once per device: the fused kernels must compute what tfjs's do on this GPU, or they stay off.
  const check = await checkOnce(device);
  if (!check.ok) return { steps: new TfjsSteps(exp), reason: describeFailure(check.failed) };
  try {
    return { steps: await FusedSteps.create(exp, device), reason: null };
  } catch (e) {
    return {
      steps: new TfjsSteps(exp),
      reason: `the fused kernels failed to build (${errorText(e)})`,
    };
  }
}

import type { Experiment } from '../core/engine/experiment';
import { FusedSteps, fusedProblem } from '../core/engine/fused/fused-steps';
import { type TrainingSteps, TfjsSteps } from '../core/engine/training-steps';
import { errorText } from './errors';

export interface EngineChoice {
  steps: TrainingSteps;
  /** Why a run on WebGPU trains on the tfjs engine instead of the fused kernels. */
  reason: string | null;
}

/**
 * The fused WGSL path wherever training runs on WebGPU (`device` is tfjs's), the tfjs engine
 * otherwise, for networks the fused path does not train, and when its kernels fail to build.
 */
export async function chooseSteps(
  exp: Experiment,
  device: GPUDevice | null,
): Promise<EngineChoice> {
  if (!device) return { steps: new TfjsSteps(exp), reason: null };
  const problem = fusedProblem(exp);
  if (problem) return { steps: new TfjsSteps(exp), reason: problem };
  try {
    return { steps: await FusedSteps.create(exp, device), reason: null };
  } catch (e) {
    return {
      steps: new TfjsSteps(exp),
      reason: `the fused kernels failed to build (${errorText(e)})`,
    };
  }
}

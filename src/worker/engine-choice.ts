import type { Experiment } from '../core/engine/experiment';
import { FusedSteps, fusedShapes, runHasConv } from '../core/engine/fused/fused-steps';
import {
  type TuningStore,
  adapterName,
  chooseVariants,
  selfCheckKey,
} from '../core/engine/fused/tuning';
import { checkOnce, describeFailure } from '../core/engine/fused/self-check';
import { type TrainingSteps, TfjsSteps } from '../core/engine/training-steps';
import { errorText } from './errors';

export interface EngineChoice {
  steps: TrainingSteps;
  /** Why a run on WebGPU trains on the tfjs engine instead of the fused kernels. */
  reason: string | null;
  /** How the fused kernels were tuned for this run, when they were. */
  tuned?: string;
}

/**
 * What this device's GPU has shown before (tuning.ts's store): the self-check's pass, kept per
 * adapter so it runs once, and the matmul variants timed for shapes not yet tuned.
 */
export interface KernelTuning {
  store: TuningStore;
  /** False: the self-check's pass is read and kept, but no variants are timed (the defaults). */
  tune?: boolean;
  now(): number;
  /** Told before the self-check runs (it is not kept from an earlier run). */
  onCheck?(): void;
  /** Told before the timing starts, with the number of shapes to time. */
  onStart?(shapes: number): void;
  /** Asked between timings: true stops the tuning, keeping what was timed. */
  cancelled?(): boolean;
}

/**
 * The fused WGSL path wherever training runs on WebGPU (`device` is tfjs's), the tfjs engine
 * otherwise, for networks the fused path does not train, when the fused kernels fail their
 * self-check on this GPU, and when they fail to build.
 */
export async function chooseSteps(
  exp: Experiment,
  device: GPUDevice | null,
  tuning?: KernelTuning,
): Promise<EngineChoice> {
  if (!device) return { steps: new TfjsSteps(exp), reason: null };
  // Once per adapter (kept in the store) or else per device: the fused kernels must compute
  // what tfjs's do on this GPU, or they stay off.
  const adapter = adapterName(device);
  const conv = runHasConv(exp);
  if (tuning?.store.get(selfCheckKey(adapter, conv)) !== 'passed') {
    tuning?.onCheck?.();
    const check = await checkOnce(device, conv);
    if (!check.ok) return { steps: new TfjsSteps(exp), reason: describeFailure(check.failed) };
    tuning?.store.set(selfCheckKey(adapter, conv), 'passed');
  }
  try {
    if (!tuning || tuning.tune === false) {
      return { steps: await FusedSteps.create(exp, device), reason: null };
    }
    const { choose, tuned } = await chooseVariants(device, fusedShapes(exp), tuning.store, tuning);
    const steps = await FusedSteps.create(exp, device, choose);
    return tuned === undefined ? { steps, reason: null } : { steps, reason: null, tuned };
  } catch (e) {
    return {
      steps: new TfjsSteps(exp),
      reason: `the fused kernels failed to build (${errorText(e)})`,
    };
  }
}

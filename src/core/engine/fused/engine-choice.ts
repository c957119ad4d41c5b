/**
 * Which engine takes a run's steps — the one place that decides it, for the page's run, its other
 * seeds, the sweep and the command line alike: the fused WGSL kernels on a WebGPU device unless a
 * GPU error has ended an earlier run on them, they fail their self-check or they fail to build;
 * the fused CPU engine on wasm on the same terms; tfjs's engine otherwise — except a run with conv
 * blocks on wasm, which tfjs's wasm kernels cannot train (no Conv2DBackpropFilter): that run is
 * refused, in so many words, rather than started on kernels that will fail.
 */
import type { Experiment } from '../experiment';
import { FusedSteps } from './fused-steps';
import { fusedShapes, runHasConv } from './fused-shapes';
import { type TuningStore, adapterName, chooseVariants, selfCheckKey } from './tuning';
import { checkCpuOnce, checkOnce, describeFailure } from './self-check';
import { type TrainingSteps, TfjsSteps } from '../training-steps';
import { errorText } from '../../error-text';

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

/** What the choice is made from, besides the experiment. */
export interface EngineInputs {
  /** tfjs's WebGPU device; null off WebGPU (then tfjs's engine, without a reason, unless `cpu`). */
  device: GPUDevice | null;
  /** Off WebGPU: tfjs runs on wasm, so the fused CPU engine may train the run. */
  cpu?: boolean;
  /**
   * Set once a GPU error has ended a run on the fused kernels: why they stay off. Every later
   * choice of the same owner (the run's other seeds, a sweep, the next run) takes tfjs.
   */
  fault?: string | null;
  /** The tuner's store; without, the self-check runs (once per device) and the default variants. */
  tuning?: KernelTuning;
}

/**
 * The fused WGSL path wherever training runs on WebGPU, the tfjs engine otherwise: off WebGPU,
 * after a GPU fault, for networks the fused path does not train, when the fused kernels fail their
 * self-check on this GPU, and when they fail to build.
 */
export async function chooseSteps(
  exp: Experiment,
  { device, cpu, fault, tuning }: EngineInputs,
): Promise<EngineChoice> {
  if (!device && !cpu) return { steps: new TfjsSteps(exp), reason: null };
  // The fused Adam kernels update every layer; a probe's frozen layers need tfjs's variable list.
  if (exp.students.some((s) => s.spec.probe)) {
    return onTfjs(exp, 'a probe keeps its hidden layers frozen', cpu);
  }
  // A GPU fault (`fault`) says nothing about the CPU.
  if (!device) return chooseCpu(exp);
  if (fault) return { steps: new TfjsSteps(exp), reason: fault };
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

/**
 * The fused CPU engine (WebAssembly) where tfjs runs on wasm, once it has passed its self-check
 * against tfjs on this machine (with a conv network for a run with conv blocks); tfjs's engine
 * otherwise.
 */
async function chooseCpu(exp: Experiment): Promise<EngineChoice> {
  const check = await checkCpuOnce(runHasConv(exp));
  if (!check.ok) return onTfjs(exp, describeFailure(check.failed, 'cpu'), true);
  try {
    return { steps: await FusedSteps.onCpu(exp), reason: null };
  } catch (e) {
    return onTfjs(exp, `the fused CPU kernels failed to build (${errorText(e)})`, true);
  }
}

/**
 * tfjs's engine, for `reason` — unless tfjs runs on wasm (`wasm`) and the run has conv blocks,
 * which tfjs's wasm kernels cannot train: then an error that says why and what to pick instead.
 */
function onTfjs(exp: Experiment, reason: string, wasm = false): EngineChoice {
  if (wasm && runHasConv(exp)) {
    throw new Error(
      `On wasm only the fused CPU engine trains conv blocks, and ${reason}: pick the WebGPU or WebGL backend for this run.`,
    );
  }
  return { steps: new TfjsSteps(exp), reason };
}

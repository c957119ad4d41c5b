/**
 * Which engine trains each part of a run — its own seed, its other seeds, a sweep — chosen in one
 * place (`core/engine/engine-choice.ts`) with what this worker has learned: a GPU error that ended
 * a run on the fused kernels keeps them off for every later choice, and the tuner's store holds
 * the self-check's pass and the tuned variants. Says each choice to the page.
 */
import { type EngineChoice, chooseSteps } from '../core/engine/fused/engine-choice';
import type { Experiment } from '../core/engine/experiment';
import type { TuningStore } from '../core/engine/fused/tuning';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { FromWorker } from '../protocol/messages';

/** The kernel variants chosen so far, and all of them for the page to keep. */
export type KernelStore = TuningStore & { entries(): Record<string, string> };

export interface EngineDeps {
  post: (message: FromWorker) => void;
  now(): number;
  /** The WebGPU device training runs on, for the fused kernels; null off WebGPU. */
  gpuDevice?(): GPUDevice | null;
  /** True while tfjs runs on wasm: the fused CPU engine may train. */
  onWasm?(): boolean;
  /** Where the tuned variants and the self-check's pass are kept; null: neither is kept. */
  kernelStore?(): KernelStore | null;
  /** False: the store's self-check pass is used, but no variants are timed. True when absent. */
  tuneKernels?(): boolean;
}

/** Why the fused kernels stay off once a GPU error has ended a run on them (the engine's reason). */
const FUSED_FAULT_REASON = 'a GPU error ended an earlier run on the fused kernels in this page';

export class RunEngines {
  /** Why the fused kernels stay off: a GPU error ended a run on them in this worker. */
  private fault: string | null = null;
  /** How the run's own seed's kernels were tuned, as its status says it. */
  private tuned: string | undefined;

  constructor(
    private readonly deps: EngineDeps,
    /** A Stop or a new start was asked for: tuning gives up. */
    private readonly stopRequested: () => boolean,
    /** The run the posts belong to. */
    private readonly runId: () => number,
  ) {}

  /** A GPU error ended a run on the fused kernels: every later choice takes tfjs's. */
  faulted(): void {
    this.fault = FUSED_FAULT_REASON;
  }

  /** The run's own seed's engine, said to the page with any kernel choices to keep. */
  async forRun(exp: Experiment): Promise<TrainingSteps> {
    const { steps, reason, tuned } = await this.choose(exp, true);
    this.tuned = tuned;
    if (this.announce(steps, reason)) {
      // The self-check's pass and any tuned variants, for the page to keep.
      const store = this.deps.kernelStore?.();
      if (store && steps.engine === 'fused') {
        this.deps.post({ type: 'kernel-choices', entries: store.entries() });
      }
    }
    return steps;
  }

  /** Another seed's engine, said to the page; the status keeps the run's own tuning sentence. */
  async forSeed(exp: Experiment): Promise<TrainingSteps> {
    const { steps, reason } = await this.choose(exp, true);
    this.announce(steps, reason);
    return steps;
  }

  /** Tells the page the engine on WebGPU or wasm (where there is a choice); false elsewhere. */
  private announce(steps: TrainingSteps, reason: string | null): boolean {
    if (!this.deps.gpuDevice?.() && !this.deps.onWasm?.()) return false;
    const tuned = steps.engine === 'fused' ? this.tuned : undefined;
    const runId = this.runId();
    this.deps.post({
      type: 'engine',
      runId,
      engine: steps.engine,
      reason,
      ...(tuned && { tuned }),
      ...(steps.threads !== undefined && { threads: steps.threads }),
    });
    return true;
  }

  /**
   * The engine for `exp` with the fault and the tuner's store. `tune`: variants not yet timed for
   * its shapes are timed (a sweep takes the defaults rather than wait for that).
   */
  choose(exp: Experiment, tune: boolean): Promise<EngineChoice> {
    const runId = this.runId();
    const post = this.deps.post;
    const store = this.deps.kernelStore?.() ?? null;
    const tuning = store && {
      store,
      tune: tune && (this.deps.tuneKernels?.() ?? true),
      now: () => this.deps.now(),
      onCheck: () => {
        post({ type: 'fused-preparing', runId, stage: { what: 'self-check' } });
      },
      onStart: (shapes: number) => {
        post({ type: 'fused-preparing', runId, stage: { what: 'tuning', shapes } });
      },
      cancelled: () => this.stopRequested(),
    };
    const device = this.deps.gpuDevice?.() ?? null;
    const cpu = this.deps.onWasm?.() ?? false;
    return chooseSteps(exp, { device, cpu, fault: this.fault, ...(tuning && { tuning }) });
  }
}

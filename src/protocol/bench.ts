/** What `npm run bench` asks the training worker to measure, and what it gets back. */
import type { ExperimentConfig } from '../core/config';
import type { CohortTiming, EngineRace, Throughput } from '../core/throughput';
import type { LatencyPair } from '../core/stats';
import type { BackendName, BackendReport } from '../core/backends';
import type { ModelId, ModelRole } from '../core/roles';

export interface BenchRequest {
  /** Exactly this backend; the result says why when it cannot start. */
  backend: BackendName;
  /** Dataset, networks, batch and settings of the steps being timed. */
  config: ExperimentConfig;
  warmupSteps: number;
  timedSteps: number;
  latencyRuns: number;
  /** A short real run whose tensor count is recorded at every epoch end. */
  memoryConfig: ExperimentConfig;
  /** tfjs environment flags set before anything runs, e.g. WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE. */
  tfFlags?: Record<string, number | boolean>;
  /** On WebGPU: time a step of this many students of the student network, each count in turn. */
  studentCounts?: number[];
  /** On WebGPU: also time the same steps in jax-js (the peer), on its own device of this GPU. */
  peer?: boolean;
}

/** jax-js's samples per second on the bench's teacher and student-pair steps (jax-peer.ts). */
export interface PeerTiming {
  teacher: number;
  students: number;
}

export interface StepComparison {
  /** The engine's step with the session's accumulator, throttled reads and per-step yield. */
  ours: Throughput;
  /** The shortest plain tfjs loop of the same network, batch and optimizer. */
  raw: Throughput;
  /** ours / raw samples per second: the share of raw speed the pipeline keeps. */
  efficiency: number;
}

export interface MemoryPoint {
  model: ModelId;
  epoch: number;
  tensors: number;
  bytes: number;
}

export type BenchResult =
  | { available: false; backend: BackendName; reason: string }
  | {
      available: true;
      backend: BackendReport;
      steps: Record<ModelRole, StepComparison>;
      latency: Record<ModelRole, LatencyPair>;
      memory: MemoryPoint[];
      /** On WebGPU: the fused kernels against tfjs's, same device, same batches. */
      engines?: EngineRace;
      /** On WebGPU, when asked: k students of the student network in one fused step. */
      cohorts?: CohortTiming[];
      /** On WebGPU, when asked: the peer's timings, or why it could not run. */
      peer?: PeerTiming | { failed: string };
    };

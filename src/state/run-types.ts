/** The page's view of a run: what the run store holds and the run records are made from. */
import type { TransferStudy } from '../core/transfer';
import type { ExperimentConfig } from '../core/config';
import type { TeacherInfo } from '../core/import/teacher-info';
import type { DatasetInfo } from '../core/data/dataset';
import type { LatencyPair } from '../core/stats';
import type { BoundarySetup, OnnxRun, RunAnalysis } from '../protocol/analysis';
import { type Phase, hasEnded } from '../protocol/phases';
import type {
  BackendName,
  EpochResult,
  SettingsMark,
  LivePoint,
  ModelId,
  ModelSummary,
  Resume,
  SeedResult,
  FusedPreparing,
  TrainingEngine,
  StudentPairs,
  StudentComparison,
} from '../protocol/messages';

export interface RunState {
  id: number;
  config: ExperimentConfig;
  phase: Phase;
  paused: boolean;
  step: number;
  totalSteps: number;
  dataset: DatasetInfo | null;
  /** On WebGPU: the engine that trains the run, and why not the fused kernels. */
  engine?: { engine: TrainingEngine; reason: string | null; tuned?: string; threads?: number };
  /** The fused kernels are being checked or tuned on this GPU (until `engine` comes). */
  preparing?: FusedPreparing;
  live: Record<ModelId, LivePoint[]>;
  epochs: EpochResult[];
  marks: SettingsMark[];
  summary: Partial<Record<ModelId, ModelSummary>>;
  /** The two students compared row by row on the test set, once the run's own seed has ended. */
  students?: StudentPairs;
  /** With more than two students: each KD student against its scratch twin, Holm-adjusted. */
  comparisons?: StudentComparison[];
  /** A repeated run: the seed in training now (0 is the run's own) of how many. */
  repeat: { index: number; of: number; seed: number } | null;
  /** Each finished seed of a repeated run, the run's own first. */
  seeds: SeedResult[];
  /** The epochs of the other seeds (index ≥ 1); the run's own are `epochs`. */
  seedEpochs: SeedEpoch[];
  /** The seed whose models the analysis views, exports and latency study (0: the run's own). */
  studied: number;
  /** Inference latency of the trained models; 'measuring' until the worker reports. */
  latency: LatencyResult | LatencyFailure | 'measuring' | null;
  /** Why the analysis of the run's models failed (or a seed could not be rebuilt for it). */
  analysisError?: string;
  /** Test logits and quantized variants of the trained models, once the run has ended. */
  analysis: RunAnalysis | null;
  /** Decision-boundary maps, for 2-D datasets; each model's latest map. */
  boundary: { setup: BoundarySetup; maps: Partial<Record<ModelId, Float32Array>> } | null;
  /** Set when a model's loss stopped being finite; the worker paused the run there. */
  divergence: {
    model: ModelId;
    step: number;
    epoch: number;
    loss: string;
    learningRate: number;
  } | null;
  error: string | null;
  /** The teacher was carried over from the previous run, curves included; only students trained. */
  teacherReused?: boolean;
  /** The imported teacher the students learn from (no teacher phase). */
  teacherImported?: TeacherInfo;
  /** The trained models measured in ONNX Runtime Web, once a person asked. */
  onnx?: OnnxMeasurement;
  /** The last transfer to a new task that finished (every seed), kept with the run's record. */
  transfer?: TransferStudy;
  /** Rows the finished teacher has run on, while its soft targets are cached. */
  teacherRows?: { done: number; total: number };
  /** The Runs-list key when this run was opened from there (its models come back from storage). */
  archived?: string;
  /** The last epoch end whose models reached storage: where the run can continue from. */
  checkpoint?: Resume;
  /** The GPU device was lost: the models were rebuilt on `backend` from `resume` (or the start). */
  recovered?: { resume: Resume | null; backend: BackendName };
  /** The worker died under this run; a new worker can continue it from `checkpoint`. */
  workerDied?: boolean;
  /** A GPU error in the fused kernels ended this run; it can continue from `checkpoint` on tfjs. */
  fusedFault?: boolean;
}

/** The ended run's models in ONNX Runtime: accuracy and latency, and which runtime it was. */
export interface OnnxMeasurement {
  /** The runtime and its execution provider, in words. */
  runtime: string;
  models: Partial<Record<ModelId, OnnxRun>>;
}

/** An epoch of seed `index` ≥ 1 of a repeated run. */
export interface SeedEpoch {
  index: number;
  result: EpochResult;
}

/** The worker could not measure the run's latency, and says why. */
export interface LatencyFailure {
  failed: string;
}

/** The measured latency, if it was measured (not pending, not failed). */
export function measuredLatency(latency: RunState['latency']): LatencyResult | null {
  return latency !== null && typeof latency === 'object' && 'models' in latency ? latency : null;
}

export interface LatencyResult {
  backend: BackendName;
  models: Partial<Record<ModelId, LatencyPair>>;
}

/**
 * Ended (done or stopped: the page hears of a failed run as its error, not as a phase): its models
 * stay in the worker until the next run.
 */
export function isFinished(run: RunState | null): boolean {
  return run !== null && hasEnded(run.phase);
}

/** Whether the worker is busy with the current run (paused counts as busy). */
export function isActive(run: RunState | null): run is RunState {
  return run !== null && run.error === null && !isFinished(run);
}

/** A run just begun: nothing trained, measured or shown yet. */
export function freshRun(id: number, config: ExperimentConfig): RunState {
  return {
    id,
    config,
    phase: 'loading',
    paused: false,
    step: 0,
    totalSteps: 0,
    dataset: null,
    live: { teacher: [], distilled: [], scratch: [] },
    epochs: [],
    marks: [],
    summary: {},
    repeat: null,
    seeds: [],
    seedEpochs: [],
    studied: 0,
    latency: null,
    analysis: null,
    boundary: null,
    divergence: null,
    error: null,
  };
}

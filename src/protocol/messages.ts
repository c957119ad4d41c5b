/** The only contract between the page and the training worker. */
import type { CsvSpec, ExperimentConfig } from '../core/config';
import type { CsvResult } from '../core/data/csv';
import type { BackendSpeed, ModelShape } from '../core/backend-choice';
import type { DatasetInfo } from '../core/data/dataset';
import type { LatencyPair } from '../core/stats';
import type { InputShape } from '../core/layers';
import type { TeacherInfo } from '../core/import/teacher-info';
import type { ModelId } from '../core/roles';
import type { StepSettings } from '../core/schedule';
import type { TeacherRateChange } from '../core/teacher-rates';
import type { Phase } from './phases';
import type { BackendMode, BackendName, BackendReport } from '../core/backends';
import type { EpochResult, ModelSummary, SeedResult, StudentPairs } from '../core/results';
import type { StudentComparison } from '../core/significance/paired';
import type { TransferSeed } from '../core/transfer';
import type {
  BoundarySetup,
  ExportFormat,
  ExportedFiles,
  OnnxProvider,
  OnnxRun,
  RunAnalysis,
  SweepCell,
  SweepSize,
  SweepRequest,
} from './analysis';
import type { BenchResult } from './bench';
import type { BesideSession, CsvColumns } from './beside-session';
export type { BesideSession, CsvColumns, CsvSlot, InjectedFault } from './beside-session';

export {
  BACKEND_NAMES,
  type AutoChoice,
  type BackendMode,
  type BackendName,
  type BackendReport,
} from '../core/backends';
/** What the fused path does before a run's first step on a GPU it has not seen. */
export type FusedPreparing = { what: 'self-check' } | { what: 'tuning'; shapes: number };

export { type Resume, type SavedRun, checkpointRoles, resumeText } from './checkpoint';
import type { Resume, SavedRun } from './checkpoint';

/** What an import of a teacher file came to: what the model is, or why not. */
export type TeacherImport = { ok: true; teacher: TeacherInfo } | { ok: false; error: string };

export { type ModelRole, type ModelId, MODEL_ROLES } from '../core/roles';
export type { EpochResult, ModelSummary, SeedResult, StudentPairs } from '../core/results';
export type { StudentComparison } from '../core/significance/paired';

export type { LivePoint, SettingsMark } from './live';
import type { LivePoint, SettingsMark } from './live';

export type ToWorker =
  | {
      type: 'init';
      backend: BackendMode;
      /** The networks the automatic choice is measured on. */
      shape: ModelShape;
      /** Rankings measured in earlier visits, by shape key, so auto does not measure again. */
      speeds?: Record<string, BackendSpeed<BackendName>[]>;
      /**
       * What earlier visits learned of this GPU: matmul variants by adapter and shape, and the
       * self-check's pass by adapter (tuning.ts's keys).
       */
      kernelChoices?: Record<string, string>;
      /** Time the fused kernels' variants for shapes not yet tuned (off in end-to-end builds). */
      tuneKernels?: boolean;
    }
  | { type: 'set-backend'; backend: BackendMode }
  /**
   * `key`: where the run's models are checkpointed at every epoch end; without it, nowhere.
   * `importedTeacher`: distil from the teacher last imported instead of training one.
   */
  | {
      type: 'start';
      runId: number;
      config: ExperimentConfig;
      key?: string;
      importedTeacher?: boolean;
      /** The students go on past their epochs until Stop (or until this is switched off). */
      keepTraining?: boolean;
    }
  | { type: 'keep-training'; on: boolean }
  /** Checks and loads an uploaded tfjs model (Layers or Graph) as the teacher for `input` and `classes`. */
  | {
      type: 'import-teacher';
      requestId: number;
      files: File[];
      input: InputShape;
      classes: number;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'set-settings'; settings: Partial<StepSettings> }
  /** Measures the trained models of run `runId` again; ignored while a run trains. */
  | { type: 'measure-latency'; runId: number }
  /** The ended run's models, exported to ONNX and measured in ONNX Runtime Web on `provider`. */
  | { type: 'measure-onnx'; runId: number; requestId: number; provider: OnnxProvider }
  /** Class probabilities of each trained model for one input row (the drawing pad). */
  | { type: 'predict'; runId: number; requestId: number; features: Float32Array }
  /** Trains a distilled student per T × α cell from the cached soft targets of run `runId`. */
  | { type: 'sweep'; request: SweepRequest }
  | { type: 'cancel-sweep' }
  | { type: 'export'; runId: number; requestId: number; role: ModelId; format: ExportFormat }
  /** Saves the ended run's models in IndexedDB under the Runs-list `key`. */
  | { type: 'persist'; runId: number; key: string }
  /** Rebuilds a saved run as run `runId` from its saved models, for the analysis views. */
  | { type: 'restore'; runId: number; config: ExperimentConfig; saved: SavedRun }
  /**
   * Rebuilds seed `index` of the ended repeated run `runId` from the weights the worker kept, so
   * the analysis views, exports, sweeps and latency study that seed's models.
   */
  | { type: 'study-seed'; runId: number; index: number }
  /** Deletes the saved models of a run deleted from the Runs list. */
  | { type: 'forget'; key: string }
  | BesideSession;

/** The commands a training session handles; the others run beside it in the worker. */
export type SessionCommand = Exclude<ToWorker, BesideSession>;

/** The fused WGSL kernels, or tfjs's op-by-op engine. */
export type TrainingEngine = 'fused' | 'tfjs';

export type FromWorker =
  | { type: 'backend'; backend: BackendReport }
  | { type: 'dataset'; runId: number; info: DatasetInfo }
  | { type: 'phase'; runId: number; phase: Phase }
  /**
   * On WebGPU: which engine trains the run, the fused WGSL kernels or tfjs's, and why not the
   * fused ones.
   */
  | {
      type: 'engine';
      runId: number;
      engine: TrainingEngine;
      reason: string | null;
      /** How the fused kernels were tuned for the run, when they were. */
      tuned?: string;
      /** The fused CPU engine's threads, when it trains the run. */
      threads?: number;
    }
  /**
   * On WebGPU, before the run's first step: the fused kernels are being checked against tfjs's
   * on this GPU, or their matmul variants timed on `shapes`.
   */
  | { type: 'fused-preparing'; runId: number; stage: FusedPreparing }
  | { type: 'progress'; runId: number; step: number; totalSteps: number; points: LivePoint[] }
  | { type: 'epoch'; runId: number; result: EpochResult }
  | { type: 'settings-change'; runId: number; mark: SettingsMark }
  /** The teacher's learning rate changed at its step `change.step`, as the page asked. */
  | { type: 'teacher-rate'; runId: number; change: TeacherRateChange }
  | { type: 'paused'; runId: number; paused: boolean }
  /** The previous run's finished teacher was carried over (same teacher, same data): no teacher phase. */
  | { type: 'teacher-reused'; runId: number }
  /**
   * `model`'s training loss stopped being finite ("NaN", "Infinity") by overall step `step`; the run
   * pauses there.
   */
  | {
      type: 'diverged';
      runId: number;
      model: ModelId;
      step: number;
      epoch: number;
      loss: string;
      /** The learning rate in force, which may have been changed during the run. */
      learningRate: number;
    }
  /** `students`: the two students compared row by row on the test set, once both exist. */
  | {
      type: 'summary';
      runId: number;
      models: Partial<Record<ModelId, ModelSummary>>;
      students?: StudentPairs;
      /** With more than two students: every KD student against its scratch twin, Holm-adjusted. */
      comparisons?: StudentComparison[];
    }
  /** A repeated run starts seed number `index` (0 is the run's own) of `of`. */
  | { type: 'repeat'; runId: number; index: number; of: number; seed: number }
  /** An epoch of seed `index` ≥ 1 of a repeated run (the run's own seed posts `epoch`). */
  | { type: 'seed-epoch'; runId: number; index: number; result: EpochResult }
  /** The ended run's models are now those of seed `index` (`seed`); its analysis follows. */
  | { type: 'studied'; runId: number; index: number; seed: number }
  /** A seed of a repeated run finished; the run's own seed is index 0. */
  | { type: 'seed-result'; runId: number; result: SeedResult }
  | {
      type: 'latency';
      runId: number;
      /** The backend the models ran on when measured. */
      backend: BackendName;
      models: Partial<Record<ModelId, LatencyPair>>;
    }
  | { type: 'analysis'; runId: number; analysis: RunAnalysis }
  /** 2-D datasets only: the grid the boundary maps cover, then maps as models train. */
  | { type: 'boundary-setup'; runId: number; setup: BoundarySetup }
  | { type: 'boundary'; runId: number; model: ModelId; probabilities: Float32Array }
  | {
      type: 'prediction';
      runId: number;
      requestId: number;
      probabilities: Partial<Record<ModelId, number[]>>;
    }
  /** On WebGPU: the engine the sweep's students train on, and why it is not the fused one. */
  | { type: 'sweep-engine'; sweepId: number; engine: TrainingEngine; reason: string | null }
  /** The sweep's students, training together, finished `epoch` of `epochs`. */
  | { type: 'sweep-epoch'; sweepId: number; epoch: number; epochs: number }
  | { type: 'sweep-cell'; sweepId: number; cell: SweepCell; done: number; total: number }
  | { type: 'sweep-size'; sweepId: number; size: SweepSize; done: number; total: number }
  /**
   * A transfer's figures for seed `index` (0: the one studied) of the `of` it transfers, once every
   * model and its twin have trained on the target.
   */
  | { type: 'sweep-transfer'; sweepId: number; result: TransferSeed; index: number; of: number }
  | {
      type: 'sweep-end';
      sweepId: number;
      outcome: 'done' | 'cancelled' | 'error';
      message?: string;
    }
  | { type: 'exported'; requestId: number; files: ExportedFiles }
  | {
      type: 'onnx-measured';
      requestId: number;
      /** The runtime and its execution provider, in words. */
      runtime: string;
      models: Partial<Record<ModelId, OnnxRun>>;
    }
  | { type: 'csv-columns'; requestId: number; result: CsvResult<CsvColumns> }
  | { type: 'csv-spec'; requestId: number; result: CsvResult<CsvSpec> }
  | { type: 'pytorch-exported'; requestId: number; zip: Uint8Array }
  /**
   * A failure, naming what it belongs to: a request (`requestId`), a run (`runId`; `scope` says
   * which part of an ended run failed, else the run itself), or neither for a page-wide notice.
   */
  | {
      type: 'error';
      runId?: number;
      requestId?: number;
      scope?: 'latency' | 'analysis' | 'persist';
      message: string;
      /**
       * The run failed on a GPU error in the fused kernels: it may continue from its checkpoint,
       * and this worker trains on tfjs's kernels from now on.
       */
      fusedFault?: true;
    }
  | { type: 'device-lost'; message: string }
  /** The run's models reached storage at the end of an epoch: it can continue from here. */
  | { type: 'checkpoint'; runId: number; resume: Resume }
  | { type: 'teacher-import'; requestId: number; result: TeacherImport }
  /** The run distils from the imported teacher `teacher`: no teacher phase. */
  | { type: 'teacher-imported'; runId: number; teacher: TeacherInfo }
  /** The finished teacher has run on `done` of the `total` training and test rows. */
  | { type: 'teacher-rows'; runId: number; done: number; total: number }
  /** Sent by the page's worker client, not the worker: the worker crashed or was ended. */
  | { type: 'worker-died'; message: string }
  /** After a lost device: the run continues, paused, on another backend from `resume`. */
  | { type: 'recovered'; runId: number; resume: Resume | null; backend: BackendName }
  | { type: 'backend-speeds'; key: string; ranking: BackendSpeed<BackendName>[] }
  /** Every matmul variant chosen and self-check passed so far, for the page to keep. */
  | { type: 'kernel-choices'; entries: Record<string, string> }
  /** The automatic choice is measuring the backends: what it measures now. */
  | { type: 'backend-measuring'; text: string }
  | { type: 'bench-progress'; text: string }
  | { type: 'bench-result'; result: BenchResult };

export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}

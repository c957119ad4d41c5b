/** What a run, and the session around it, need of the worker (main.ts) or a test's stubs. */
import type { ExperimentConfig } from '../core/config';
import type { ModelShape } from '../core/backend-choice';
import type { Dataset } from '../core/data/dataset';
import type {
  BackendMode,
  BackendName,
  BackendReport,
  FromWorker,
  SettingsMark,
} from '../protocol/messages';
import type { EngineDeps } from './run-engines';

/** How a settings change is labelled on the chart: the sliders' method parameter, if any. */
export type MarkLabel = Pick<SettingsMark, 'paramLabel' | 'paramOnly'>;

export interface RunDeps extends EngineDeps {
  /** `transfer` lists buffers that move to the page instead of being copied (boundary maps). */
  post: (message: FromWorker, transfer?: Transferable[]) => void;
  now(): number;
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
  /** Lets queued messages (pause, slider moves) in between two steps. */
  yieldToEventLoop(): Promise<void>;
  /**
   * False: no decision-boundary maps even on 2-D data. The benchmark's memory run counts tensors
   * at epoch ends, and a map read in flight would be counted there.
   */
  mapBoundaries?: boolean;
}

/** What the session needs of the worker around it; the run's and its engines' needs included. */
export interface SessionDeps extends RunDeps {
  /** `exclude`: backends not to use (one whose GPU device was lost). */
  selectBackend(
    mode: BackendMode,
    shape: ModelShape,
    exclude: readonly BackendName[],
  ): Promise<BackendReport>;
  /**
   * Resolves once a GPU device loss behind a failed read has been announced (a failed read can
   * come before the device's `lost` promise); at once when the backend has no device.
   */
  settleDeviceLoss?(): Promise<void>;
  /**
   * A transfer's target data: a target CSV comes from its own upload (worker/csv.ts's transfer
   * slot), never the run's. Absent: `loadDataset`.
   */
  loadTarget?(config: ExperimentConfig): Promise<Dataset>;
}

import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config';
import type { RunRecord } from './run-record';
import { type OnnxMeasurement, type RunState, freshRun, isFinished } from './run-types';
import type { TransferStudy } from '../core/transfer';
import { type RunFields, forRun, runMessage } from './run-messages';
import type { BackendMode, FromWorker } from '../protocol/messages';

// The run's types live in run-types.ts (run records need them too); most of the page imports
// them from here, with the store.
export * from './run-types';
export { MAX_LIVE_POINTS } from './run-messages';

interface RunStore extends RunFields {
  /** What the person asked for: a backend by name, or the fastest measured. */
  backendMode: BackendMode;
  setBackendMode: (mode: BackendMode) => void;
  /** The students go on past their epochs until Stop; a switch of the page, not of a config. */
  keepTraining: boolean;
  setKeepTraining: (on: boolean) => void;
  begin: (config: ExperimentConfig) => number;
  receive: (message: FromWorker) => void;
  /** Shows a saved run's results as the current run; returns its new run id. */
  showRecord: (record: RunRecord) => number;
  /**
   * Takes up an interrupted run: a saved one (after a reload) or the current one (after its worker
   * died), whose charts stay as they are. Returns the run id the worker continues under.
   */
  continueRun: (record?: RunRecord) => number | null;
  /** Keeps run `runId`'s models as measured in ONNX Runtime. */
  setOnnx: (runId: number, onnx: OnnxMeasurement) => void;
  /** A transfer of run `runId` finished: the run (and its saved record) keeps it. */
  setTransfer: (runId: number, transfer: TransferStudy) => void;
  /** Marks the current run's latency as being measured again. */
  remeasureLatency: () => number | null;
  /**
   * Asks to study seed `index` of the current ended run: its analysis and latency are cleared until
   * the worker has rebuilt that seed's models. Returns the run id, or null when nothing changes.
   */
  studySeed: (index: number) => number | null;
}

let nextRunId = 1;

/**
 * Whether a run of `config` keeps training past its epochs: the switch is on and the run has one
 * seed (a repeated run's other seeds could never start after a run that goes on until Stop).
 */
export function keepsTraining(on: boolean, config: Pick<ExperimentConfig, 'repeats'>): boolean {
  return on && config.repeats === 1;
}

export const useRunStore = create<RunStore>()((set, get) => ({
  backend: null,
  backendMode: 'auto',
  setBackendMode: (backendMode) => {
    // The worker reports the backend once it has chosen again.
    set((s) =>
      s.backendMode === backendMode ? {} : { backendMode, backend: null, measuring: null },
    );
  },
  notice: null,
  measuring: null,
  keepTraining: false,
  setKeepTraining: (keepTraining) => {
    set({ keepTraining });
  },
  run: null,
  previousTeacher: null,
  begin: (config) => {
    const id = nextRunId++;
    const previous = get().run;
    const previousTeacher = previous
      ? {
          live: previous.live.teacher,
          epochs: previous.epochs.filter((e) => e.model === 'teacher'),
        }
      : null;
    set({ run: freshRun(id, config), previousTeacher });
    return id;
  },
  showRecord: (record) => {
    const id = nextRunId++;
    set({
      run: {
        ...freshRun(id, record.config),
        phase: record.phase,
        dataset: record.dataset,
        live: record.live,
        epochs: record.epochs,
        marks: record.marks,
        summary: record.summary,
        ...(record.students ? { students: record.students } : {}),
        ...(record.teacherImported ? { teacherImported: record.teacherImported } : {}),
        seeds: record.seeds ?? [],
        seedEpochs: record.seedEpochs ?? [],
        latency: record.latency,
        ...(record.transfer ? { transfer: record.transfer } : {}),
        archived: record.key,
        // Already saved: taking the run up again must not save it under another key.
        ...(record.resume ? { checkpoint: record.resume } : {}),
      },
    });
    return id;
  },
  continueRun: (record) => {
    if (record) {
      const id = get().showRecord(record);
      const run = get().run;
      if (!run) return null;
      const next: RunState = { ...run, phase: 'loading' };
      // Not archived: it trains on and is saved again under its key when it ends.
      delete next.archived;
      set({ run: next });
      return id;
    }
    const run = get().run;
    if (!run?.checkpoint) return null;
    set({
      run: {
        ...run,
        phase: 'loading',
        error: null,
        workerDied: false,
        fusedFault: false,
        paused: false,
      },
    });
    return run.id;
  },
  setOnnx: (runId, onnx) => {
    set((s) => forRun(s, runId, () => ({ onnx })));
  },
  setTransfer: (runId, transfer) => {
    set((s) => forRun(s, runId, () => ({ transfer })));
  },
  remeasureLatency: () => {
    const run = get().run;
    // Only a run that has ended holds its models in the worker (an opened one once analysed).
    if (!run || !isFinished(run) || (run.archived && !run.analysis)) return null;
    set({ run: { ...run, latency: 'measuring' } });
    return run.id;
  },
  studySeed: (index) => {
    const run = get().run;
    if (!run || !isFinished(run) || run.archived || run.studied === index) return null;
    if (!run.seeds.some((r) => r.index === index)) return null;
    const next: RunState = { ...run, analysis: null, latency: 'measuring' };
    // Another seed's models: what was measured of this one's no longer applies.
    delete next.analysisError;
    delete next.onnx;
    set({ run: next });
    return run.id;
  },
  receive: (message) => {
    set((s) => runMessage(s, message));
  },
}));

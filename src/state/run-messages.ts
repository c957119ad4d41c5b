/** What a worker message changes in the run store: one pure function, one case per message. */
import {
  type BackendReport,
  type EpochResult,
  type FromWorker,
  type LivePoint,
  type ModelId,
  assertNever,
} from '../protocol/messages';
import { type RunState, isActive } from './run-types';
import { startValues } from '../core/config';
import { withTeacherRate } from '../core/teacher-rates';
import { boundSeries } from './series-bound';

/**
 * Live points kept per model (`boundSeries`: the older part thinned, the start kept); charts
 * downsample further. Bounds memory on very long runs.
 */
export const MAX_LIVE_POINTS = 5000;

/** The run store's fields a message changes. */
export interface RunFields {
  backend: BackendReport | null;
  /** While the automatic choice measures the backends: what it measures now. */
  measuring: string | null;
  /** A problem outside any run: no backend, a crashed worker, a lost device. */
  notice: string | null;
  run: RunState | null;
  /** The previous run's teacher history, for a run whose worker reuses that teacher. */
  previousTeacher: { live: LivePoint[]; epochs: EpochResult[] } | null;
}

/** The change `message` makes to the store `s`; none when it belongs to another run or part. */
export function runMessage(s: RunFields, message: FromWorker): Partial<RunFields> {
  switch (message.type) {
    case 'backend':
      return { backend: message.backend, measuring: null };
    case 'backend-measuring':
      return { measuring: message.text };
    case 'device-lost':
      return { notice: message.message };
    case 'worker-died': {
      const run = s.run;
      if (!run || !isActive(run)) return { notice: message.message };
      return {
        notice: message.message,
        run: { ...run, error: message.message, workerDied: true },
      };
    }
    case 'checkpoint':
      return forRun(s, message.runId, () => ({ checkpoint: message.resume }));
    case 'recovered': {
      const { resume, backend } = message;
      return forRun(s, message.runId, () => ({ recovered: { resume, backend } }));
    }
    case 'error': {
      const { runId, scope } = message;
      // Unanswered requests are failed by the worker client; a storage failure is page-wide.
      if (runId === undefined || scope === 'persist') return { notice: message.message };
      if (scope === 'latency') {
        return forRun(s, runId, () => ({ latency: { failed: message.message } }));
      }
      if (scope === 'analysis') {
        return forRun(s, runId, () => ({ analysisError: message.message }));
      }
      const fault = message.fusedFault ? { fusedFault: true } : {};
      return forRun(s, runId, () => ({ error: message.message, ...fault }));
    }
    case 'dataset':
      return forRun(s, message.runId, () => ({ dataset: message.info }));
    case 'engine': {
      const { engine, reason, tuned, threads } = message;
      const value = {
        engine,
        reason,
        ...(tuned === undefined ? {} : { tuned }),
        ...(threads === undefined ? {} : { threads }),
      };
      return forRun(s, message.runId, () => ({ engine: value, preparing: undefined }));
    }
    case 'fused-preparing': {
      const { stage } = message;
      return forRun(s, message.runId, () => ({ preparing: stage }));
    }
    case 'phase':
      return forRun(s, message.runId, () =>
        // The worker measures latency right after a run completes.
        message.phase === 'done'
          ? { phase: message.phase, latency: 'measuring' }
          : { phase: message.phase },
      );
    case 'latency':
      return forRun(s, message.runId, () => ({
        latency: { backend: message.backend, models: message.models },
      }));
    case 'diverged': {
      const { model, step, epoch, loss, learningRate } = message;
      const divergence = { model, step, epoch, loss, learningRate };
      return forRun(s, message.runId, () => ({ divergence }));
    }
    case 'teacher-reused':
      return forRun(s, message.runId, (run) => ({
        teacherReused: true,
        live: { ...run.live, teacher: s.previousTeacher?.live ?? [] },
        epochs: [...(s.previousTeacher?.epochs ?? []), ...run.epochs],
      }));
    case 'paused':
      return forRun(s, message.runId, () => ({ paused: message.paused }));
    case 'progress':
      return forRun(s, message.runId, (run) => ({
        step: message.step,
        totalSteps: message.totalSteps,
        live: appendPoints(run.live, message.points),
      }));
    case 'epoch':
      return forRun(s, message.runId, (run) => ({ epochs: [...run.epochs, message.result] }));
    case 'settings-change':
      return forRun(s, message.runId, (run) => ({ marks: [...run.marks, message.mark] }));
    case 'summary':
      return forRun(s, message.runId, () => {
        const { models: summary, students, comparisons } = message;
        return {
          summary,
          ...(students ? { students } : {}),
          ...(comparisons ? { comparisons } : {}),
        };
      });
    case 'repeat': {
      const { index, of, seed } = message;
      return forRun(s, message.runId, () => ({ repeat: { index, of, seed } }));
    }
    case 'seed-epoch': {
      const { index, result } = message;
      return forRun(s, message.runId, (run) => ({
        seedEpochs: [...run.seedEpochs, { index, result }],
      }));
    }
    case 'studied':
      return forRun(s, message.runId, () => ({ studied: message.index }));
    case 'seed-result':
      return forRun(s, message.runId, (run) => ({
        // A run continued after a crash finishes its own seed again: keep one per index.
        seeds: [...run.seeds.filter((r) => r.index !== message.result.index), message.result],
      }));
    case 'analysis':
      return forRun(s, message.runId, () => ({ analysis: message.analysis }));
    case 'boundary-setup':
      return forRun(s, message.runId, () => ({
        boundary: { setup: message.setup, maps: {} },
      }));
    case 'boundary':
      return forRun(s, message.runId, (run) =>
        run.boundary
          ? {
              boundary: {
                ...run.boundary,
                maps: { ...run.boundary.maps, [message.model]: message.probabilities },
              },
            }
          : {},
      );
    case 'teacher-imported':
      return forRun(s, message.runId, () => ({ teacherImported: message.teacher }));
    case 'teacher-rows':
      return forRun(s, message.runId, () => ({
        teacherRows: { done: message.done, total: message.total },
      }));
    case 'prediction':
    case 'exported':
    case 'onnx-measured':
    case 'teacher-import':
    case 'csv-columns':
    case 'csv-spec':
    case 'pytorch-exported':
      // Answers to one component's request; it listens for them itself.
      return {};
    case 'teacher-rate':
      // The run keeps the teacher's schedule as played, so its saved record (and its PyTorch
      // export) replay it; the configuration's copy (app/main.tsx) is for the link.
      return forRun(s, message.runId, (run) => ({
        config: {
          ...run.config,
          teacherSchedule: withTeacherRate(
            run.config.teacherSchedule ?? [],
            startValues(run.config).learningRate,
            message.change,
          ),
        },
      }));
    case 'sweep-engine':
    case 'sweep-epoch':
    case 'sweep-cell':
    case 'sweep-size':
    case 'sweep-transfer':
    case 'sweep-end':
      // The sweep store's.
      return {};
    case 'bench-progress':
    case 'bench-result':
      // Only the benchmark page's own worker sends these.
      return {};
    case 'backend-speeds':
    case 'kernel-choices':
      // Saved by the page's entry (backend-prefs, kernel-choices); nothing to show.
      return {};
    default:
      return assertNever(message);
  }
}

/** Applies `update` to the current run only when the message belongs to it (stale ones drop). */
export function forRun(
  state: RunFields,
  runId: number,
  update: (run: RunState) => Partial<RunState>,
): Partial<RunFields> {
  const run = state.run;
  if (!run || run.id !== runId) return {};
  return { run: { ...run, ...update(run) } };
}

function appendPoints(live: RunState['live'], points: LivePoint[]): RunState['live'] {
  if (points.length === 0) return live;
  // One copy of each model's series per message, not one per point: a series may hold thousands.
  const added = new Map<ModelId, LivePoint[]>();
  for (const p of points) {
    const list = added.get(p.model) ?? [];
    list.push(p);
    added.set(p.model, list);
  }
  const next = { ...live };
  for (const [model, more] of added) {
    const series = [...(next[model] ?? []), ...more];
    next[model] = boundSeries(series, MAX_LIVE_POINTS);
  }
  return next;
}

/**
 * What the page can ask of a run's models once it has ended — its results and analysis,
 * predictions for the drawing pad, exports, sweeps and latency — each answered with a message;
 * failures become an error message, never a thrown exception, since the run itself is complete.
 * Each takes the ended run (run.ts `ended`), not pieces of it.
 */
import type { EngineChoice } from '../core/engine/fused/engine-choice';
import type { Experiment } from '../core/engine/experiment';
import { studentComparisons } from '../core/engine/roster-report';
import { rowProbabilities } from '../core/engine/predict';
import { LATENCY_WARMUP, measureLatencyPair } from '../core/engine/latency';
import type { LatencyPair } from '../core/stats';
import type { ExportFormat, OnnxProvider, SweepRequest } from '../protocol/analysis';
import type { BackendName, FromWorker, ModelId, SeedResult } from '../protocol/messages';
import { summarize, trainedRoles } from '../core/engine/headless';
import { analyzeRun, exportFiles } from './analysis';
import { errorText } from '../core/error-text';
import { measureOnnx } from './onnx-runtime';
import { runSweep } from './sweep';
import { runTransferStudy } from './transfer';
import type { ExperimentConfig } from '../core/config';
import type { EndedRun, RunModels } from './ended';
import type { Dataset } from '../core/data/dataset';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** A run's results: its models' final numbers and, once both students exist, their comparison. */
export type RunResults = Omit<SeedResult, 'index' | 'seed'>;

const LATENCY_RUNS = 50;
/** Per model and batch size: six of them make at most a few seconds, even on a software GPU. */
const LATENCY_BUDGET_MS = 600;

/**
 * The summary (final test metrics of whatever has been trained, so Stop keeps a complete table,
 * and the students compared row by row once both exist), then — after `settle` makes the maps of
 * the phase that ended final — the analysis the lens, confusion and size views need. Returns the
 * results once both students exist.
 */
export async function postResults(
  { runId, experiment: exp }: RunModels,
  post: Post,
  settle: () => Promise<void>,
): Promise<RunResults | null> {
  const { models, students } = await summarize(exp);
  // A list of its own compares each student with its references (scratch twin, label-smoothing
  // student, the teacher for a student of its shape); the default pair keeps its one sentence.
  const comparisons = students && exp.config.students ? await studentComparisons(exp) : undefined;
  post({
    type: 'summary',
    runId,
    models,
    ...(students ? { students } : {}),
    ...(comparisons ? { comparisons } : {}),
  });
  await settle();
  await postAnalysis(exp, runId, post);
  return students ? { models, students } : null;
}

async function postAnalysis(exp: Experiment, runId: number, post: Post): Promise<void> {
  try {
    const { analysis, transfer } = await analyzeRun(exp, trainedRoles(exp));
    post({ type: 'analysis', runId, analysis }, transfer);
  } catch (e) {
    post({
      type: 'error',
      runId,
      scope: 'analysis',
      message: `The trained models could not be analysed: ${errorText(e)}`,
    });
  }
}

export async function postPrediction(
  { runId, experiment: exp }: RunModels,
  requestId: number,
  features: Float32Array,
  post: Post,
): Promise<void> {
  try {
    const probabilities: Partial<Record<ModelId, number[]>> = {};
    for (const role of trainedRoles(exp)) {
      const p = await rowProbabilities(exp.predictor(role), features, exp.dataset.features);
      probabilities[role] = Array.from(p);
    }
    post({ type: 'prediction', runId, requestId, probabilities });
  } catch (e) {
    post({ type: 'error', requestId, message: `Prediction failed: ${errorText(e)}` });
  }
}

export async function postExport(
  { runId, experiment: exp }: RunModels,
  requestId: number,
  role: ModelId,
  format: ExportFormat,
  post: Post,
): Promise<void> {
  try {
    const files = await exportFiles(exp, runId, role, format);
    post({ type: 'exported', requestId, files }, [
      files.format === 'onnx' ? files.bytes : files.weights,
    ]);
  } catch (e) {
    post({ type: 'error', requestId, message: errorText(e) });
  }
}

/** The models measured in ONNX Runtime Web, or why not, answering request `requestId`. */
export async function postOnnx(
  { experiment: exp }: RunModels,
  { requestId, provider }: { requestId: number; provider: OnnxProvider },
  deps: { post: Post; now: () => number },
): Promise<void> {
  try {
    const { runtime, models } = await measureOnnx(exp, trainedRoles(exp), provider, deps.now);
    deps.post({ type: 'onnx-measured', requestId, runtime, models });
  } catch (e) {
    deps.post({ type: 'error', requestId, message: `ONNX Runtime failed: ${errorText(e)}` });
  }
}

export interface PostSweepDeps {
  post: Post;
  yieldToEventLoop(): Promise<void>;
  /** Cancel (or a new start) asked the sweep to stop. */
  cancelled(): boolean;
  /** The engine a sweep trains on, chosen as the run's were (a GPU fault holds for it too). */
  engine(exp: Experiment): Promise<EngineChoice>;
  /** Whether the page is told the sweep's engine (on WebGPU, where there is a choice). */
  saysEngine: boolean;
  /** A transfer's target data. */
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
}

/** Says a sweep cannot start: there is no finished teacher (no ended run, or no soft targets). */
export function refuseSweep(sweepId: number, post: Post): void {
  const message = 'The sweep needs a finished teacher: train one first.';
  post({ type: 'sweep-end', sweepId, outcome: 'error', message });
}

/**
 * A sweep (T × α, or student size) on the ended run's soft targets, run to its end (or
 * cancellation), reporting each cell or network and then the outcome; without soft targets it says why and does nothing.
 */
export async function postSweep(
  ended: EndedRun,
  request: SweepRequest,
  deps: PostSweepDeps,
): Promise<void> {
  const { sweepId } = request;
  const { post } = deps;
  if (!ended.experiment.hasSoftTargets) {
    refuseSweep(sweepId, post);
    return;
  }
  try {
    const common = {
      yieldToEventLoop: () => deps.yieldToEventLoop(),
      cancelled: () => deps.cancelled(),
      steps: async (exp: Experiment) => {
        const { steps, reason } = await deps.engine(exp);
        if (deps.saysEngine) post({ type: 'sweep-engine', sweepId, engine: steps.engine, reason });
        return steps;
      },
      onEpoch: (epoch: number, epochs: number) => {
        post({ type: 'sweep-epoch', sweepId, epoch, epochs });
      },
    };
    const completed =
      request.axis === 'transfer'
        ? await runTransferStudy(ended, request, {
            ...common,
            loadDataset: (config) => deps.loadDataset(config),
            onResult: (result, index, of) => {
              post({ type: 'sweep-transfer', sweepId, result, index, of });
            },
          })
        : await runSweep(ended.experiment, request, {
            ...common,
            learningRate: ended.learningRate,
            onCell: (cell, done, total) => {
              post({ type: 'sweep-cell', sweepId, cell, done, total });
            },
            onSize: (size, done, total) => {
              post({ type: 'sweep-size', sweepId, size, done, total });
            },
          });
    post({ type: 'sweep-end', sweepId, outcome: completed ? 'done' : 'cancelled' });
  } catch (e) {
    post({ type: 'sweep-end', sweepId, outcome: 'error', message: errorText(e) });
  }
}

/**
 * Inference latency of every trained model of an ended run (none: nothing), after warm-up. Each
 * model and batch size gets up to LATENCY_RUNS runs or LATENCY_BUDGET_MS, whichever ends first.
 */
export async function postLatency(
  run: RunModels | null,
  backend: BackendName | null,
  { now, post }: { now: () => number; post: Post },
): Promise<void> {
  if (!run || !backend) return;
  const { runId, experiment: exp } = run;
  const models: Partial<Record<ModelId, LatencyPair>> = {};
  const options = { warmup: LATENCY_WARMUP, runs: LATENCY_RUNS, budgetMs: LATENCY_BUDGET_MS, now };
  try {
    for (const role of trainedRoles(exp)) {
      models[role] = await measureLatencyPair(exp.predictor(role), exp.tensors.xTest, options);
    }
  } catch (e) {
    post({ type: 'error', runId, scope: 'latency', message: errorText(e) });
    return;
  }
  post({ type: 'latency', runId, backend, models });
}

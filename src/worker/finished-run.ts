import type { TrainingSteps } from '../core/engine/training-steps';
/**
 * What the page can ask of a run's models once it has ended — the analysis, predictions for the
 * drawing pad, exports, sweeps and latency — each answered with a message; failures become an
 * error message, never a thrown exception, since the run itself is complete.
 */
import type { Experiment } from '../core/engine/experiment';
import { LATENCY_WARMUP, measureLatencyPair } from '../core/engine/latency';
import type { LatencyPair } from '../core/stats';
import type { ExportFormat, OnnxProvider, SweepRequest } from '../protocol/analysis';
import type { BackendName, FromWorker, ModelId } from '../protocol/messages';
import { trainedRoles } from '../core/engine/headless';
import { analyzeRun, exportFiles } from './analysis';
import { errorText } from '../core/error-text';
import { measureOnnx } from './onnx-runtime';
import { runSweep } from './sweep';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

const LATENCY_RUNS = 50;
/** Per model and batch size: six of them make at most a few seconds, even on a software GPU. */
const LATENCY_BUDGET_MS = 600;

export async function postAnalysis(exp: Experiment, runId: number, post: Post): Promise<void> {
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
  exp: Experiment,
  runId: number,
  requestId: number,
  features: Float32Array,
  post: Post,
): Promise<void> {
  try {
    const probabilities: Partial<Record<ModelId, number[]>> = {};
    for (const role of trainedRoles(exp)) {
      probabilities[role] = Array.from(await exp.probabilities(exp.predictor(role), features));
    }
    post({ type: 'prediction', runId, requestId, probabilities });
  } catch (e) {
    post({ type: 'error', requestId, message: `Prediction failed: ${errorText(e)}` });
  }
}

export async function postExport(
  exp: Experiment,
  runId: number,
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
  exp: Experiment,
  roles: readonly ModelId[],
  { requestId, provider }: { requestId: number; provider: OnnxProvider },
  deps: { post: Post; now: () => number },
): Promise<void> {
  try {
    const { runtime, models } = await measureOnnx(exp, roles, provider, deps.now);
    deps.post({ type: 'onnx-measured', requestId, runtime, models });
  } catch (e) {
    deps.post({ type: 'error', requestId, message: `ONNX Runtime failed: ${errorText(e)}` });
  }
}

export interface PostSweepDeps {
  post: Post;
  yieldToEventLoop(): Promise<void>;
  cancelled(): boolean;
  learningRate: number;
  steps(exp: Experiment): Promise<TrainingSteps>;
}

/** Runs the sweep to its end (or cancellation), reporting each cell and then the outcome. */
export async function postSweep(
  exp: Experiment,
  request: SweepRequest,
  { post, ...deps }: PostSweepDeps,
): Promise<void> {
  const { sweepId } = request;
  try {
    const completed = await runSweep(exp, request, {
      ...deps,
      onCell: (cell, done, total) => {
        post({ type: 'sweep-cell', sweepId, cell, done, total });
      },
      onEpoch: (epoch, epochs) => {
        post({ type: 'sweep-epoch', sweepId, epoch, epochs });
      },
    });
    post({ type: 'sweep-end', sweepId, outcome: completed ? 'done' : 'cancelled' });
  } catch (e) {
    post({ type: 'sweep-end', sweepId, outcome: 'error', message: errorText(e) });
  }
}

/**
 * Inference latency of every trained model, after warm-up. Each model and batch size gets up to
 * LATENCY_RUNS runs or LATENCY_BUDGET_MS, whichever ends first.
 */
export async function postLatency(
  exp: Experiment,
  runId: number,
  backend: BackendName,
  now: () => number,
  post: Post,
): Promise<void> {
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

import * as tf from '@tensorflow/tfjs';
import {
  type EngineRace,
  raceEngines,
  studentCohort,
  timeFusedStudents,
} from '../core/engine/bench/engine-race';
import type { CohortTiming } from '../core/throughput';
import { RawLoop } from '../core/engine/bench/raw-loop';
import { modelShape } from '../core/backend-choice';
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { Experiment } from '../core/engine/experiment';
import { LATENCY_WARMUP, measureLatencyPair } from '../core/engine/latency';
import type { LatencyPair } from '../core/stats';
import type { Network } from '../core/engine/network';
import type { DenseLayer, Layer } from '../core/layers';
import type { BenchRequest, BenchResult, MemoryPoint, StepComparison } from '../protocol/bench';
import { type PeerResult, timePeerSteps } from './bench-peer';
import type { BackendName, BackendReport, FromWorker, ModelRole } from '../protocol/messages';
import { REPORT_INTERVAL_MS, Session } from './session';
import { compare, ours, raw } from './bench-loops';

export interface BenchDeps {
  post: (message: FromWorker) => void;
  selectBackend: (preferred: BackendName) => Promise<BackendReport>;
  loadDataset: (config: ExperimentConfig) => Promise<Dataset>;
  yieldToEventLoop: () => Promise<void>;
  now: () => number;
  /** tfjs's WebGPU device, where the fused kernels are raced against tfjs's; null off WebGPU. */
  gpuDevice?: () => GPUDevice | null;
}

/** Measures the engine on exactly `request.backend`, in this worker, beside the raw reference. */
export async function runBench(request: BenchRequest, deps: BenchDeps): Promise<BenchResult> {
  for (const [flag, value] of Object.entries(request.tfFlags ?? {})) tf.env().set(flag, value);
  let backend: BackendReport;
  try {
    backend = await deps.selectBackend(request.backend);
  } catch (e) {
    return { available: false, backend: request.backend, reason: String(e) };
  }
  if (backend.name !== request.backend) {
    const reason = backend.fallbackReason ?? `${request.backend} did not start`;
    return { available: false, backend: request.backend, reason };
  }
  const progress = (text: string) => {
    deps.post({ type: 'bench-progress', text: `${request.backend}: ${text}` });
  };

  const { config } = request;
  const exp = new Experiment(await deps.loadDataset(config), config);
  const { features, classes } = exp.dataset;
  let steps: Record<ModelRole, StepComparison>;
  let latency: Record<ModelRole, LatencyPair>;
  try {
    const { temperature, alpha, learningRate } = config;
    const settings = { temperature, alpha };
    const [distilledStudent, scratchStudent] = [
      exp.roleIndex('distilled'),
      exp.roleIndex('scratch'),
    ].map((i) => exp.studentAt(i));
    if (!distilledStudent || !scratchStudent)
      throw new Error('The bench needs the default pair of students.');
    const { xTrain, yTrain, xTest, labelMask } = exp.tensors;
    const rawSpec = (network: 'teacher' | 'student', pool: Int32Array) => ({
      pool,
      inputDim: exp.dataset.features,
      classes: exp.dataset.classes,
      hidden: denseOnly(network === 'teacher' ? config.teacherHidden : config.studentHidden),
      learningRate: config.learningRate,
      batchSize: config.batchSize,
      seed: config.seed,
    });

    progress('teacher step');
    const teacher = await compare(
      request,
      deps,
      () => ours('teacher', exp.teacher.model, (i) => exp.teacherStep(i, learningRate), deps),
      () => raw(new RawLoop(rawSpec('teacher', exp.teacherPlan.rows), xTrain, yTrain)),
    );
    await exp.finishTeacher();
    const teacherLogits = exp.teacherOutputs?.soft;
    if (!teacherLogits) throw new Error('soft targets missing after finishTeacher');

    progress('distilled-student step');
    const distilled = await compare(
      request,
      deps,
      () =>
        ours(
          'distilled',
          exp.distilled.model,
          (i) => exp.stepOf(distilledStudent, i, { ...settings, learningRate }),
          deps,
        ),
      () =>
        raw(
          new RawLoop(rawSpec('student', distilledStudent.plan.rows), xTrain, yTrain, {
            teacherLogits,
            labelMask,
            ...settings,
          }),
        ),
    );
    progress('scratch-student step');
    const scratch = await compare(
      request,
      deps,
      () =>
        ours(
          'scratch',
          exp.scratch.model,
          (i) => exp.stepOf(scratchStudent, i, { ...settings, learningRate }),
          deps,
        ),
      () => raw(new RawLoop(rawSpec('student', scratchStudent.plan.rows), xTrain, yTrain)),
    );
    steps = { teacher, distilled, scratch };

    progress('inference latency');
    latency = {
      teacher: await latencyOf(exp.teacher.model, xTest, request, deps),
      distilled: await latencyOf(exp.distilled.model, xTest, request, deps),
      scratch: await latencyOf(exp.scratch.model, xTest, request, deps),
    };
  } finally {
    exp.dispose();
  }

  const device = deps.gpuDevice?.() ?? null;
  // Each backend with a fused engine races it against tfjs's: WGSL on WebGPU, the CPU engine on wasm.
  const fusedOn = device ?? (backend.name === 'wasm' ? 'cpu' : null);
  let engines: EngineRace | undefined;
  if (fusedOn) {
    progress('fused kernels against tfjs kernels');
    const fresh = new Experiment(await deps.loadDataset(config), config);
    try {
      engines = await raceEngines(fresh, fusedOn, {
        warmup: request.warmupSteps,
        steps: request.timedSteps,
        now: deps.now,
        yieldToEventLoop: deps.yieldToEventLoop,
        readEveryMs: REPORT_INTERVAL_MS,
      });
    } finally {
      fresh.dispose();
    }
  }

  const cohorts: CohortTiming[] = [];
  for (const k of request.studentCounts ?? []) {
    if (!device) break;
    progress(`${k} students in one fused step`);
    const many = new Experiment(await deps.loadDataset(config), {
      ...config,
      students: studentCohort(k),
    });
    try {
      const timing = await timeFusedStudents(many, device, {
        warmup: request.warmupSteps,
        steps: request.timedSteps,
        now: deps.now,
        yieldToEventLoop: deps.yieldToEventLoop,
        readEveryMs: REPORT_INTERVAL_MS,
      });
      cohorts.push({ students: k, ...timing });
    } finally {
      many.dispose();
    }
  }

  let peer: PeerResult | undefined;
  if (device && request.peer) {
    progress('the same steps in jax-js');
    peer = await timePeerSteps(config, request, { features, classes }).catch((e: unknown) => ({
      failed: String(e),
    }));
  }

  progress('tensor count over a short run');
  const memory = await memoryOverRun(request.memoryConfig, backend, deps);
  return {
    available: true,
    backend,
    steps,
    latency,
    memory,
    ...(engines ? { engines } : {}),
    ...(cohorts.length > 0 ? { cohorts } : {}),
    ...(peer ? { peer } : {}),
  };
}

function latencyOf(
  model: Network,
  xTest: tf.Tensor2D,
  request: BenchRequest,
  deps: BenchDeps,
): Promise<LatencyPair> {
  return measureLatencyPair(model, xTest, {
    warmup: LATENCY_WARMUP,
    runs: request.latencyRuns,
    now: deps.now,
  });
}

/** Runs a real session and records tf.memory() whenever it reports an epoch. */
async function memoryOverRun(
  config: ExperimentConfig,
  backend: BackendReport,
  deps: BenchDeps,
): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  const outcome: { failure: string | null } = { failure: null };
  const session = new Session({
    ...deps,
    selectBackend: () => Promise.resolve(backend),
    mapBoundaries: false,
    post: (message) => {
      if (message.type === 'epoch') {
        const { numTensors, numBytes } = tf.memory();
        const { model, epoch } = message.result;
        points.push({ model, epoch, tensors: numTensors, bytes: numBytes });
      } else if (message.type === 'error') {
        outcome.failure = message.message;
      }
    },
  });
  session.handle({ type: 'init', backend: backend.name, shape: modelShape(config) });
  session.handle({ type: 'start', runId: 1, config });
  await session.whenIdle();
  session.dispose();
  if (outcome.failure) throw new Error(`The memory run failed: ${outcome.failure}`);
  return points;
}

/** The plain-tfjs reference loop has no conv blocks, so the benchmark takes dense networks only. */
function denseOnly(layers: readonly Layer[]): DenseLayer[] {
  return layers.map((l) => {
    if (l.kind !== 'dense') throw new Error('The benchmark compares dense networks only.');
    return l;
  });
}

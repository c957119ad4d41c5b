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
import { type Throughput, drainAfter, timeSteps } from '../core/engine/bench/throughput';
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { Experiment } from '../core/engine/experiment';
import { LATENCY_WARMUP, measureLatencyPair } from '../core/engine/latency';
import type { LatencyPair } from '../core/stats';
import type { Network } from '../core/engine/network';
import type { DenseLayer, Layer } from '../core/layers';
import { MetricAccumulator, type StepMetrics } from '../core/engine/trainer';
import type { BenchRequest, BenchResult, MemoryPoint, StepComparison } from '../protocol/bench';
import { type PeerResult, timePeerSteps } from './bench-peer';
import type { BackendName, BackendReport, FromWorker, ModelRole } from '../protocol/messages';
import { ModelReader } from '../core/engine/epoch-reader';
import { REPORT_INTERVAL_MS, Session } from './session';

export interface BenchDeps {
  post: (message: FromWorker) => void;
  selectBackend: (preferred: BackendName) => Promise<BackendReport>;
  loadDataset: (config: ExperimentConfig) => Promise<Dataset>;
  yieldToEventLoop: () => Promise<void>;
  now: () => number;
  /** tfjs's WebGPU device, where the fused kernels are raced against tfjs's; null off WebGPU. */
  gpuDevice?: () => GPUDevice | null;
}

/** Ours and raw are timed alternately this many times and the faster round of each is kept. */
const ROUNDS = 2;

interface TimedLoop {
  /** Returns the step's number of rows. */
  step(i: number): number | Promise<number>;
  drain(): Promise<void>;
  dispose(): void;
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
    const teacherLogits = exp.teacherLogits;
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
  let engines: EngineRace | undefined;
  if (device) {
    progress('fused kernels against tfjs kernels');
    const fresh = new Experiment(await deps.loadDataset(config), config);
    try {
      engines = await raceEngines(fresh, device, {
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

async function compare(
  request: BenchRequest,
  deps: BenchDeps,
  makeOurs: () => TimedLoop,
  makeRaw: () => TimedLoop,
): Promise<StepComparison> {
  const loops = { ours: makeOurs(), raw: makeRaw() };
  const best: Partial<Record<'ours' | 'raw', Throughput>> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['ours', 'raw'] as const) {
        const loop = loops[kind];
        const t = await timeSteps({
          warmup: round === 0 ? request.warmupSteps : 0,
          steps: request.timedSteps,
          now: deps.now,
          step: (i) => loop.step(round * request.timedSteps + i),
          drain: () => loop.drain(),
        });
        const previous = best[kind];
        if (!previous || t.samplesPerSecond > previous.samplesPerSecond) best[kind] = t;
      }
    }
  } finally {
    loops.ours.dispose();
    loops.raw.dispose();
  }
  const { ours: o, raw: r } = best as Record<'ours' | 'raw', Throughput>;
  return { ours: o, raw: r, efficiency: o.samplesPerSecond / r.samplesPerSecond };
}

/**
 * The session's step as it runs in the worker: one yield to the event loop, the engine's step,
 * device-side metric sums, and a throttled non-blocking read at most every REPORT_INTERVAL_MS.
 */
function ours(
  role: ModelRole,
  model: Network,
  step: (i: number) => StepMetrics,
  deps: BenchDeps,
): TimedLoop {
  const acc = new MetricAccumulator();
  const reader = new ModelReader(role === 'teacher' ? 'teacher' : 0, acc);
  let lastRead = deps.now();
  return {
    step: async (i) => {
      await deps.yieldToEventLoop();
      const metrics = step(i);
      acc.add(metrics);
      if (deps.now() - lastRead >= REPORT_INTERVAL_MS) {
        lastRead = deps.now();
        await reader.read(i);
      }
      return metrics.rows;
    },
    drain: async () => {
      await reader.closeEpoch(0);
      await drainAfter(model.weights.at(-1)?.bias);
    },
    dispose: () => {
      reader.dispose();
    },
  };
}

function raw(loop: RawLoop): TimedLoop {
  return {
    step: (i) => loop.step(i),
    drain: () => loop.drain(),
    dispose: () => {
      loop.dispose();
    },
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

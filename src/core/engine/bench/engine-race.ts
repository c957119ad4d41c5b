/**
 * The fused WGSL path against tfjs's WebGPU kernels on the same device, the same experiment and
 * the same batches: samples per second, and the compute dispatches and queue submits one training
 * step costs (counted by wrapping WebGPU's own calls). What `npm run bench` (in the browser) and
 * `npm run bench:node` (Node through Dawn) print.
 */
import type { Experiment, ModelRef } from '../experiment';
import { FusedSteps } from '../fused/fused-steps';
import type { VariantChoice } from '../fused/matmul-shapes';
import { type TrainingSteps, TfjsSteps } from '../training-steps';
import type { EngineRace, EngineTiming } from '../../throughput';
import type { StudentSpec } from '../../students';

export type { EngineRace, EngineTiming };

export interface RaceOptions {
  warmup: number;
  steps: number;
  now: () => number;
  /** Between two steps, as the worker's loop yields for pause and slider messages. */
  yieldToEventLoop: () => Promise<void>;
  /** Metrics are read (without waiting) at most this often, as the live chart reads them. */
  readEveryMs: number;
  /** The fused matmuls' variants (the tuner's choice); the default variant without. */
  choose?: VariantChoice;
}

interface Counts {
  dispatches: number;
  submits: number;
}

const counts: Counts = { dispatches: 0, submits: 0 };
let counting = false;

/**
 * Counts every compute dispatch and queue submit from here on, whoever makes them (tfjs or the
 * fused engine), by wrapping the WebGPU prototypes once.
 */
export function countGpuCalls(): Counts {
  // Off WebGPU (the CPU rows alone) there is nothing to count.
  if (counting || typeof GPUComputePassEncoder === 'undefined') return counts;
  counting = true;
  const pass = GPUComputePassEncoder.prototype;
  // Taken off the prototype on purpose: the wrappers call them with the right `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalDispatch = pass.dispatchWorkgroups;
  pass.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...a) {
    counts.dispatches += 1;
    originalDispatch.apply(this, a);
  };
  const queue = GPUQueue.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSubmit = queue.submit;
  queue.submit = function (this: GPUQueue, ...a) {
    counts.submits += 1;
    originalSubmit.apply(this, a);
  };
  return counts;
}

/**
 * Races the engines on `exp` (its models train for real: use a throwaway experiment): tfjs's
 * against the fused WGSL kernels on `on`, or ('cpu') the fused CPU engine, on tfjs's backend.
 */
export async function raceEngines(
  exp: Experiment,
  on: GPUDevice | 'cpu',
  opts: RaceOptions,
): Promise<EngineRace> {
  const counter = countGpuCalls();
  const tfjs = new TfjsSteps(exp);
  const fused =
    on === 'cpu' ? await FusedSteps.onCpu(exp) : await FusedSteps.create(exp, on, opts.choose);
  try {
    const { temperature, alpha, learningRate } = exp.config;
    const settings = exp.students.map(() => ({ temperature, alpha, learningRate }));
    const teacherRows = (i: number) => exp.teacherPlan.batch(i).length;
    const studentRows = (i: number) => exp.studentAt(0).plan.batch(i).length;
    const time = (steps: TrainingSteps, models: ModelRef[], step: (i: number) => number) =>
      timeEngine(steps, models, step, counter, opts);
    const teacher = {
      tfjs: await time(
        tfjs,
        ['teacher'],
        (i) => (tfjs.teacherStep(i, learningRate), teacherRows(i)),
      ),
      fused: await time(
        fused,
        ['teacher'],
        (i) => (fused.teacherStep(i, learningRate), teacherRows(i)),
      ),
    };
    await tfjs.finishTeacher();
    await fused.finishTeacher();
    const pair = exp.students.map((_, i) => i);
    const students = {
      tfjs: await time(tfjs, pair, (i) => (tfjs.studentStep(i, settings), studentRows(i))),
      fused: await time(fused, pair, (i) => (fused.studentStep(i, settings), studentRows(i))),
    };
    return { teacher, students };
  } finally {
    tfjs.dispose();
    fused.dispose();
  }
}

/**
 * k students of one network, as a sweep has them: KD students at spread temperatures, then (for
 * k > 1) one scratch student.
 */
export function studentCohort(k: number): StudentSpec[] {
  return Array.from({ length: k }, (_, i) =>
    i === k - 1 && k > 1
      ? { name: 'Scratch', kind: 'scratch' }
      : { name: `KD ${i + 1}`, kind: 'kd', temperature: 1 + (i % 8) },
  );
}

/**
 * One lockstep step of all of `exp`'s students on the fused kernels: samples per second counted
 * over every student (a batch of 128 rows for 8 students is 1,024 samples), and the dispatches and
 * submits the step costs. The teacher is not trained: its untrained logits serve as soft targets,
 * which costs the students the same arithmetic.
 */
export async function timeFusedStudents(
  exp: Experiment,
  device: GPUDevice,
  opts: RaceOptions,
): Promise<EngineTiming> {
  const counter = countGpuCalls();
  const fused = await FusedSteps.create(exp, device, opts.choose);
  try {
    return await timeStudents(exp, fused, counter, opts);
  } finally {
    fused.dispose();
  }
}

/** `exp`'s steps on tfjs's engine or the fused CPU engine, timed by `time`, then released. */
async function onCpuEngine(
  exp: Experiment,
  engine: 'tfjs' | 'fused',
  time: (steps: TrainingSteps, counter: Counts) => Promise<EngineTiming>,
): Promise<EngineTiming> {
  const counter = countGpuCalls();
  const steps = engine === 'fused' ? await FusedSteps.onCpu(exp) : new TfjsSteps(exp);
  try {
    return await time(steps, counter);
  } finally {
    steps.dispose();
  }
}

/**
 * The teacher's step alone, on the tfjs engine (on whatever backend tfjs runs) or on the fused
 * CPU engine: the CPU path's teacher row of the bench (against jax-js's wasm backend).
 */
export function timeCpuTeacher(
  exp: Experiment,
  opts: RaceOptions,
  engine: 'tfjs' | 'fused',
): Promise<EngineTiming> {
  const { learningRate } = exp.config;
  const rows = (i: number) => exp.teacherPlan.batch(i).length;
  return onCpuEngine(exp, engine, (steps, counter) =>
    timeEngine(
      steps,
      ['teacher'],
      (i) => (steps.teacherStep(i, learningRate), rows(i)),
      counter,
      opts,
    ),
  );
}

/**
 * One lockstep step of `exp`'s students on the tfjs engine or the fused CPU engine (the CPU
 * path's student row); the untrained teacher's logits serve as soft targets, as in
 * `timeFusedStudents`.
 */
export function timeCpuStudents(
  exp: Experiment,
  opts: RaceOptions,
  engine: 'tfjs' | 'fused',
): Promise<EngineTiming> {
  return onCpuEngine(exp, engine, (steps, counter) => timeStudents(exp, steps, counter, opts));
}

/** One lockstep step of every student of `exp` on `steps`, timed, samples counted over them all. */
async function timeStudents(
  exp: Experiment,
  steps: TrainingSteps,
  counter: Counts,
  opts: RaceOptions,
): Promise<EngineTiming> {
  await steps.finishTeacher();
  const { temperature, alpha, learningRate } = exp.config;
  const settings = exp.students.map(() => ({ temperature, alpha, learningRate }));
  const rows = (i: number) => exp.students.reduce((sum, st) => sum + st.plan.batch(i).length, 0);
  const all = exp.students.map((_, i) => i);
  return timeEngine(steps, all, (i) => (steps.studentStep(i, settings), rows(i)), counter, opts);
}

async function timeEngine(
  steps: TrainingSteps,
  models: ModelRef[],
  step: (i: number) => number,
  counter: Counts,
  opts: RaceOptions,
): Promise<EngineTiming> {
  let inFlight: Promise<unknown> = Promise.resolve();
  let lastRead = opts.now();
  const drain = async () => {
    await inFlight;
    await Promise.all(models.map((r) => steps.metrics(r).take()));
  };
  const run = async (i: number) => {
    await opts.yieldToEventLoop();
    const rows = step(i);
    if (opts.now() - lastRead >= opts.readEveryMs) {
      lastRead = opts.now();
      // As the live reader does: at most one read in flight, never waited for in the loop.
      await inFlight;
      inFlight = Promise.all(models.map((r) => steps.metrics(r).take()));
    }
    return rows;
  };
  for (let i = 0; i < opts.warmup; i++) await run(i);
  await drain();
  const before = { ...counter };
  const start = opts.now();
  let samples = 0;
  for (let i = 0; i < opts.steps; i++) samples += await run(opts.warmup + i);
  await drain();
  const seconds = (opts.now() - start) / 1000;
  return {
    samplesPerSecond: samples / seconds,
    msPerStep: (seconds * 1000) / opts.steps,
    dispatchesPerStep: (counter.dispatches - before.dispatches) / opts.steps,
    submitsPerStep: (counter.submits - before.submits) / opts.steps,
  };
}

/**
 * The one driver of a run's steps: the teacher alone, then every student in lockstep, each step at
 * the settings its schedule gives, over `TrainingSteps` (the tfjs engine or the fused kernels).
 * The worker's run, a repeated run's other seeds and the command line all train through it; they
 * differ only in their hooks (a gate for pause and stop, live points, checkpoints, reports).
 */
import { startValues, type ExperimentConfig } from '../config';
import { type HyperChange, type StepSettings, settingsAt } from '../schedule';
import { type TeacherRateChange, teacherRateAt } from '../teacher-rates';
import { paramOf } from '../methods';
import { type StudentSpec, sliderIndex, studentsOf } from '../students';
import type { Evaluation, Experiment, ModelRef } from './experiment';
import type { TrainingSteps } from './training-steps';

export interface PhaseHooks {
  /** Awaited before every step: where a caller pauses, or ends the run by throwing. */
  gate?: () => Promise<void>;
  /** After each step, with the steps the phase has taken (live points, progress). */
  afterStep?: (done: number) => Promise<void>;
  /** At the end of each epoch of the phase (read, evaluate, report, checkpoint). */
  onEpochEnd?: (epoch: number) => Promise<void>;
}

/**
 * Every student's settings at a step whose run settings are `run`: the sliders' student takes
 * them (its method parameter too, where it has one); every other KD student holds the run's
 * starting T and α; a student's own T or α holds over either. The learning rate is the run's for
 * all (one Adam schedule).
 */
export function studentSettings(
  config: Pick<ExperimentConfig, 'temperature' | 'alpha' | 'learningRate' | 'schedule'> & {
    students?: readonly StudentSpec[];
    sliders?: string;
  },
  run: StepSettings,
): StepSettings[] {
  const chosen = sliderIndex(config);
  const held = startValues(config);
  return studentsOf(config).map((spec, i) => {
    const base = i === chosen ? run : held;
    // A method's own defaults (DKD's T = 4, α = 1) hold like values the student set itself.
    const settings: StepSettings = {
      temperature: paramOf(spec, 'temperature') ?? base.temperature,
      alpha: paramOf(spec, 'alpha') ?? base.alpha,
      learningRate: run.learningRate,
    };
    if (i === chosen && run.param !== undefined) settings.param = run.param;
    return settings;
  });
}

/**
 * The run's settings at each student step as a fresh run of `config` takes them: its schedule
 * replayed from the start values. A repeated run's other seeds take exactly these, with the
 * schedule their first seed ended with.
 */
export function replay(
  config: Pick<ExperimentConfig, 'temperature' | 'alpha' | 'learningRate'> & {
    schedule: readonly HyperChange[];
  },
): (step: number) => StepSettings {
  const start = startValues({ ...config, schedule: [...config.schedule] });
  return (step) => settingsAt(config.schedule, start, step);
}

/**
 * The teacher's learning rate at each of its steps as a fresh run of `config` takes it: its own
 * schedule (the rates set while a teacher trained) where it has one, else the run's starting rate.
 */
export function teacherReplay(
  config: Pick<ExperimentConfig, 'temperature' | 'alpha' | 'learningRate' | 'schedule'> & {
    teacherSchedule?: readonly TeacherRateChange[];
  },
): (step: number) => number {
  const { learningRate } = startValues({ ...config, schedule: [...config.schedule] });
  return (step) => teacherRateAt(config.teacherSchedule, learningRate, step);
}

/**
 * Teacher steps `from` … `to` − 1, each at `learningRate(step)`: its schedule's rate, or one the
 * page set while the teacher trains.
 */
export async function driveTeacher(
  exp: Experiment,
  steps: TrainingSteps,
  range: { from: number; to: number },
  learningRate: (step: number) => number,
  hooks: PhaseHooks = {},
): Promise<void> {
  const perEpoch = exp.teacherPlan.stepsPerEpoch;
  for (let s = range.from; s < range.to; s++) {
    await hooks.gate?.();
    await steps.ready?.();
    steps.teacherStep(s, learningRate(s));
    await afterStep(s + 1, perEpoch, hooks);
  }
}

/**
 * Student steps from `from` to `to` (and on while `keepGoing`, always to an epoch's end), every
 * student at its share of `settings(step)` (`studentSettings`); returns the student epochs completed.
 */
export async function driveStudents(
  exp: Experiment,
  steps: TrainingSteps,
  range: { from: number; to: number; keepGoing?: () => boolean },
  settings: (step: number) => StepSettings,
  hooks: PhaseHooks = {},
): Promise<number> {
  const perEpoch = exp.studentStepsPerEpoch;
  const keepGoing = range.keepGoing ?? (() => false);
  let s = range.from;
  for (; s < range.to || keepGoing() || s % perEpoch !== 0; s++) {
    await hooks.gate?.();
    await steps.ready?.();
    steps.studentStep(s, studentSettings(exp.config, settings(s)));
    await afterStep(s + 1, perEpoch, hooks);
  }
  return s / perEpoch;
}

async function afterStep(done: number, perEpoch: number, hooks: PhaseHooks): Promise<void> {
  await hooks.afterStep?.(done);
  if (done % perEpoch === 0) await hooks.onEpochEnd?.(done / perEpoch);
}

/** A model's epoch: its mean training loss since the last read, and its test numbers. */
export interface ModelEpoch extends Evaluation {
  model: ModelRef;
  epoch: number;
  trainLoss: number;
}

/**
 * The epoch's numbers of `models`: every loss read first, so nothing is pending on the device
 * while they are evaluated (the tensor count at an epoch report is the same every epoch).
 */
export async function readEpoch(
  steps: TrainingSteps,
  models: readonly ModelRef[],
  epoch: number,
): Promise<ModelEpoch[]> {
  const losses: number[] = [];
  for (const model of models) losses.push((await steps.metrics(model).take())?.loss ?? NaN);
  const out: ModelEpoch[] = [];
  for (const [i, model] of models.entries()) {
    const evaluation = await steps.evaluate(model);
    out.push({ model, epoch, trainLoss: losses[i] ?? NaN, ...evaluation });
  }
  return out;
}

/** References to every student of `exp`, in the run's order. */
export function studentRefs(exp: Experiment): number[] {
  return exp.students.map((_, i) => i);
}

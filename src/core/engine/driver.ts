/**
 * The one way a seed of a configuration trains (`trainSeed`): the teacher alone, its soft targets,
 * then every student in lockstep, each step at the settings its schedule gives, over
 * `TrainingSteps` (the tfjs engine or the fused kernels), with one epoch reader. The page's run, a
 * repeated run's other seeds, the sweep and the command line all train through it; they differ
 * only in their plan (which steps, at which settings) and their hooks (a gate for pause and stop,
 * live points, checkpoints, reports).
 */
import { startValues, type ExperimentConfig } from '../config';
import { type SettingsChange, type StepSettings, settingsAt } from '../schedule';
import { type TeacherRateChange, teacherRateAt } from '../teacher-rates';
import { paramOf } from '../methods';
import { type StudentSpec, sliderIndex, studentsOf } from '../students';
import { type LiveRead, type ModelEpoch, ModelReader, readEpoch } from './epoch-reader';
import type { Experiment, ModelRef } from './experiment';
import type { RowsDone } from './teacher-outputs';
import type { TrainingSteps } from './training-steps';
import type { PhaseLog, SeedPhase } from './training-log';

/** Which steps a seed takes, at which settings. */
export interface SeedPlan {
  /** Teacher steps `from` … `to` − 1 at `learningRate(step)`; absent: the teacher is ready. */
  teacher?: { from: number; to: number; learningRate: (step: number) => number };
  /**
   * Student steps from `from` to `to` (and on while `keepGoing`, always to an epoch's end), every
   * student at its share (`studentSettings`) of `settings(step)`.
   */
  students: {
    from: number;
    to: number;
    keepGoing?: () => boolean;
    settings: (step: number) => StepSettings;
  };
}

/** What a caller does around the steps; every hook is optional. */
export interface SeedHooks {
  /** Awaited before every step: where a caller pauses, or ends the run by throwing. */
  gate?: () => Promise<void>;
  /** Awaited as each phase begins. */
  enter?: (phase: SeedPhase) => Promise<void>;
  /** After each step of a training phase, with the models it trains. */
  afterStep?: (models: readonly ModelRef[]) => void;
  /** Whether to read live points now (within an epoch; the epoch's end always reads). */
  liveDue?: () => boolean;
  /** A live point read back. */
  onLive?: (point: LiveRead) => void;
  /** After the live points due were started (their reads land later). */
  afterLive?: () => void;
  /** At each epoch end, with every trained model's numbers (read, evaluate, report, checkpoint). */
  onEpoch?: (phase: 'teacher' | 'students', epoch: number, models: ModelEpoch[]) => Promise<void>;
  /** The soft targets' progress, chunk by chunk (where a caller hears Pause and Stop). */
  onTeacherRows?: RowsDone;
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
    schedule: readonly SettingsChange[];
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
 * Trains one seed of `exp` on `steps` as `plan` says: the teacher's steps (if any), its soft
 * targets, the students' steps, the students' trained weights synced into their tfjs models, and
 * every model's test measures settled on the engine that trained it.
 * Returns the student epochs completed.
 */
export async function trainSeed(
  exp: Experiment,
  steps: TrainingSteps,
  plan: SeedPlan,
  hooks: SeedHooks = {},
): Promise<number> {
  if (plan.teacher) {
    await hooks.enter?.('teacher');
    const { from, to, learningRate } = plan.teacher;
    await phase(steps, ['teacher'], exp.teacherPlan.stepsPerEpoch, hooks, {
      log: (entry) => {
        exp.log.record('teacher', entry);
      },
      from,
      to,
      step: (s) => {
        steps.teacherStep(s, learningRate(s));
      },
      epochEnd: (epoch, models) => hooks.onEpoch?.('teacher', epoch, models),
    });
  }
  await hooks.enter?.('soft-targets');
  await steps.finishTeacher(hooks.onTeacherRows);
  await hooks.enter?.('students');
  const { from, to, keepGoing, settings } = plan.students;
  const students = studentRefs(exp);
  const done = await phase(steps, students, exp.studentStepsPerEpoch, hooks, {
    log: (entry) => {
      exp.log.record('students', entry);
    },
    from,
    to,
    ...(keepGoing && { keepGoing }),
    step: (s) => {
      steps.studentStep(s, studentSettings(exp.config, settings(s)));
    },
    epochEnd: (epoch, models) => hooks.onEpoch?.('students', epoch, models),
  });
  await steps.sync(students);
  await steps.settle(['teacher', ...students]);
  return done;
}

/**
 * Steps `from` … `to` − 1 of one phase (on while `keepGoing`, always to an epoch's end), each
 * after the gate; live points when due; every epoch end read once. Returns the epochs completed.
 */
async function phase(
  steps: TrainingSteps,
  models: readonly ModelRef[],
  perEpoch: number,
  hooks: SeedHooks,
  run: {
    /** Where the phase's steps and time go. */
    log: (entry: PhaseLog) => void;
    from: number;
    to: number;
    keepGoing?: () => boolean;
    step: (s: number) => void;
    epochEnd: (epoch: number, models: ModelEpoch[]) => Promise<void> | undefined;
  },
): Promise<number> {
  const readers = models.map((m) => new ModelReader(m, steps.metrics(m), hooks.onLive));
  const keepGoing = run.keepGoing ?? (() => false);
  let s = run.from;
  // The phase's time in the worker, without the waits at the gate (a paused run).
  const started = performance.now();
  let paused = 0;
  try {
    for (; s < run.to || keepGoing() || s % perEpoch !== 0; s++) {
      const beforeGate = performance.now();
      await hooks.gate?.();
      paused += performance.now() - beforeGate;
      await steps.ready?.();
      run.step(s);
      hooks.afterStep?.(models);
      const done = s + 1;
      if (done % perEpoch === 0) {
        await run.epochEnd(done / perEpoch, await readEpoch(steps, readers, done / perEpoch));
      } else if (hooks.liveDue?.()) {
        for (const reader of readers) await reader.read(done / perEpoch);
        hooks.afterLive?.();
      }
    }
  } finally {
    for (const reader of readers) reader.dispose();
    run.log({ from: run.from, to: s, seconds: (performance.now() - started - paused) / 1000 });
  }
  return s / perEpoch;
}

/** References to every student of `exp`, in the run's order. */
export function studentRefs(exp: Experiment): number[] {
  return exp.students.map((_, i) => i);
}

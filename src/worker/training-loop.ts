/**
 * The run's own seed through the driver (core/engine/driver.ts): the teacher alone, then the
 * students in lockstep. The worker's hooks wait at the gate before each step (pause, stop, a lost
 * device), report live points at most ten times a second without blocking on the device, and at
 * every epoch end evaluate, report and checkpoint.
 */
import { driveStudents, driveTeacher } from '../core/engine/driver';
import type { Experiment } from '../core/engine/experiment';
import { followsSliders, sliderIndex, studentIds, studentsOf } from '../core/students';
import { sliderParam } from '../core/slider-param';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { FromWorker, LivePoint, ModelId, Resume } from '../protocol/messages';
import type { BoundaryTracker } from './boundaries';
import type { LiveSchedule } from './live-schedule';
import type { Progress } from './progress';
import { LiveReader } from './reporter';

export interface LoopContext {
  runId: number;
  post: (message: FromWorker) => void;
  /** Awaited before every step: pauses there, throws to end the run. */
  gate: () => Promise<void>;
  progress: Progress;
  /** A live point read back; a loss no longer finite pauses the run. */
  receivePoint: (point: LivePoint) => void;
  checkpoint: (exp: Experiment, resume: Resume) => Promise<void>;
  boundaries: BoundaryTracker | null;
  /** Takes the steps: the tfjs engine or the fused kernels. */
  steps: TrainingSteps;
  /** T, α and learning rate: the run's schedule and the page's live changes. */
  hyper: LiveSchedule;
  /** The students go on past their epochs until Stop. */
  keepTraining: () => boolean;
}

/** The page's models being trained, with a live reader each. */
interface Tracks {
  roles: readonly ModelId[];
  readers: readonly LiveReader[];
}

function tracksOf(exp: Experiment, roles: readonly ModelId[], ctx: LoopContext): Tracks {
  const readers = roles.map(
    (role) => new LiveReader(role, ctx.steps.metrics(exp.ref(role)), ctx.receivePoint),
  );
  return { roles, readers };
}

export async function trainTeacher(
  exp: Experiment,
  from: number,
  steps: number,
  ctx: LoopContext,
): Promise<void> {
  const tracks = tracksOf(exp, ['teacher'], ctx);
  const perEpoch = exp.teacherPlan.stepsPerEpoch;
  try {
    await driveTeacher(
      exp,
      ctx.steps,
      { from, to: steps },
      // A rate the page sets while the teacher trains applies at its next step, and joins the
      // teacher's schedule there: the run's other seeds and its link replay it.
      (s) => {
        const { learningRate, change } = ctx.hyper.teacherStep(s);
        if (change) ctx.post({ type: 'teacher-rate', runId: ctx.runId, change });
        return learningRate;
      },
      hooks(perEpoch, tracks, ctx, async (epoch) => {
        await closeEpoch(exp, epoch, tracks, ctx);
        await ctx.checkpoint(exp, { phase: 'teacher', epoch });
      }),
    );
  } finally {
    for (const reader of tracks.readers) reader.dispose();
  }
}

/** Trains the students from step `from`; returns the student epochs completed. */
export async function trainStudents(
  exp: Experiment,
  from: number,
  steps: number,
  ctx: LoopContext,
): Promise<number> {
  const tracks = tracksOf(exp, studentIds(exp.config), ctx);
  const perEpoch = exp.studentStepsPerEpoch;
  const param = sliderParam(exp.config);
  const chosen = studentsOf(exp.config)[sliderIndex(exp.config)];
  const slider = param && chosen && { label: param.label, only: !followsSliders(chosen) };
  try {
    return await driveStudents(
      exp,
      ctx.steps,
      { from, to: steps, keepGoing: ctx.keepTraining },
      (s) => {
        const change = ctx.hyper.step(s, from);
        if (change) {
          const label = slider ? { paramLabel: slider.label, paramOnly: slider.only } : {};
          const mark = { ...change, ...label, epoch: s / perEpoch };
          ctx.post({ type: 'hyper', runId: ctx.runId, mark });
        }
        return ctx.hyper.current;
      },
      hooks(perEpoch, tracks, ctx, async (epoch) => {
        await closeEpoch(exp, epoch, tracks, ctx);
        await ctx.checkpoint(exp, { phase: 'students', epoch });
      }),
    );
  } finally {
    for (const reader of tracks.readers) reader.dispose();
  }
}

/** Progress, throttled live points and boundary maps after each step; the epoch end's work. */
function hooks(
  perEpoch: number,
  tracks: Tracks,
  ctx: LoopContext,
  onEpochEnd: (epoch: number) => Promise<void>,
) {
  return {
    gate: ctx.gate,
    afterStep: async (done: number) => {
      ctx.progress.step += 1;
      ctx.boundaries?.update(tracks.roles);
      if (done % perEpoch !== 0 && ctx.progress.due) {
        for (const reader of tracks.readers) await reader.read(done / perEpoch);
        ctx.progress.flush();
      }
    },
    onEpochEnd: async (epoch: number) => {
      await onEpochEnd(epoch);
      ctx.progress.flush();
    },
  };
}

/**
 * The epoch's losses from the live readers (every one first, so nothing is pending on the device
 * while the models are evaluated), then each model's test numbers, reported; the tfjs models take
 * the trained weights.
 */
async function closeEpoch(
  exp: Experiment,
  epoch: number,
  { roles, readers }: Tracks,
  ctx: LoopContext,
): Promise<void> {
  const losses: number[] = [];
  for (const reader of readers) losses.push(await reader.closeEpoch(epoch));
  for (const [i, role] of roles.entries()) {
    const { accuracy, agreement } = await ctx.steps.evaluate(exp.ref(role));
    ctx.progress.epoch(role, epoch, losses[i] ?? Number.NaN, accuracy, agreement);
  }
  await ctx.steps.sync(roles.map((role) => exp.ref(role)));
}

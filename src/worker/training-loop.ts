/**
 * The training loops of a run's own seed: the teacher alone, then the distilled and scratch
 * students in lockstep. Each step waits at the gate (pause, stop, a lost device), reports live
 * points at most ten times a second without blocking on the device, and at every epoch end
 * evaluates, reports and checkpoints.
 */
import type { Experiment } from '../core/engine/experiment';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { FromWorker, LivePoint, ModelRole, Resume } from '../protocol/messages';
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

export async function trainTeacher(
  exp: Experiment,
  from: number,
  steps: number,
  ctx: LoopContext,
): Promise<void> {
  const perEpoch = exp.teacherPlan.stepsPerEpoch;
  const reader = new LiveReader('teacher', ctx.steps.metrics('teacher'), ctx.receivePoint);
  try {
    for (let s = from; s < steps; s++) {
      await ctx.gate();
      ctx.steps.teacherStep(s);
      await afterStep(s + 1, perEpoch, [reader], ['teacher'], ctx, async (epoch) => {
        const trainLoss = await reader.closeEpoch(epoch);
        const { accuracy } = await ctx.steps.evaluate('teacher');
        ctx.progress.epoch('teacher', epoch, trainLoss, accuracy);
        await ctx.steps.sync(['teacher']);
        await ctx.checkpoint(exp, { phase: 'teacher', epoch });
      });
    }
  } finally {
    reader.dispose();
  }
}

/** Trains both students from step `from`; returns the student epochs completed. */
export async function trainStudents(
  exp: Experiment,
  from: number,
  steps: number,
  ctx: LoopContext,
): Promise<number> {
  const perEpoch = exp.distilledPlan.stepsPerEpoch;
  const tracks = (['distilled', 'scratch'] as const).map((role) => ({
    role,
    reader: new LiveReader(role, ctx.steps.metrics(role), ctx.receivePoint),
  }));
  const readers = tracks.map((t) => t.reader);
  const roles = tracks.map((t) => t.role);
  let s = from;
  try {
    // With Keep training on, the students go on past their epochs, to the end of an epoch.
    for (; s < steps || ctx.keepTraining() || s % perEpoch !== 0; s++) {
      await ctx.gate();
      const change = ctx.hyper.step(s, from);
      if (change) {
        const mark = { ...change, epoch: s / perEpoch };
        ctx.post({ type: 'hyper', runId: ctx.runId, mark });
      }
      const applied = ctx.hyper.current;
      exp.learningRate = applied.learningRate;
      ctx.steps.studentStep(s, applied);
      await afterStep(s + 1, perEpoch, readers, roles, ctx, async (epoch) => {
        // Both readers first: from here to the next step nothing is pending on the device, so
        // the tensor count seen at an epoch report is the same every epoch.
        const losses = [];
        for (const { reader } of tracks) losses.push(await reader.closeEpoch(epoch));
        for (const [i, { role }] of tracks.entries()) {
          const { accuracy, agreement } = await ctx.steps.evaluate(role);
          ctx.progress.epoch(role, epoch, losses[i] ?? Number.NaN, accuracy, agreement);
        }
        await ctx.steps.sync(roles);
        await ctx.checkpoint(exp, { phase: 'students', epoch });
      });
    }
  } finally {
    for (const reader of readers) reader.dispose();
  }
  return s / perEpoch;
}

/** Progress, throttled live points and boundary maps, and the epoch end's evaluation. */
async function afterStep(
  done: number,
  perEpoch: number,
  readers: readonly LiveReader[],
  training: readonly ModelRole[],
  ctx: LoopContext,
  onEpochEnd: (epoch: number) => Promise<void>,
): Promise<void> {
  ctx.progress.step += 1;
  ctx.boundaries?.update(training);
  const epoch = done / perEpoch;
  if (done % perEpoch === 0) {
    await onEpochEnd(epoch);
    ctx.progress.flush();
  } else if (ctx.progress.due) {
    for (const reader of readers) await reader.read(epoch);
    ctx.progress.flush();
  }
}

/**
 * The page's run's plan and hooks on the driver (core/engine/driver.ts `trainSeed`): settings from
 * the live schedule (changes told to the page), the gate before every step (pause, stop, a lost
 * device), progress and boundary maps after each, live points at most ten times a second without
 * blocking on the device, and at every epoch end the numbers reported, the tfjs models synced and
 * a checkpoint saved. A loss that is no longer finite pauses the run.
 */
import { type SeedHooks, type SeedPlan, trainSeed } from '../core/engine/driver';
import type { LiveRead } from '../core/engine/epoch-reader';
import type { Experiment, ModelRef } from '../core/engine/experiment';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { FromWorker, ModelId, Resume } from '../protocol/messages';
import type { BoundaryTracker } from './boundaries';
import type { LiveSchedule } from './live-schedule';
import type { Progress } from './progress';
import type { RunControl } from './run-control';
import { sliderParam } from '../core/slider-param';
import { followsSliders, sliderIndex, studentsOf } from '../core/students';

/** What the hooks reach of the run that owns them (run.ts). */
export interface HookContext {
  runId: number;
  post: (message: FromWorker) => void;
  /** The run's state machine: its gate before every step, pause, and a run that diverged. */
  control: Pick<RunControl, 'gate' | 'state' | 'apply'>;
  progress: Progress;
  boundaries: BoundaryTracker | null;
  steps: TrainingSteps;
  /** T, α and learning rate: the run's schedule and the page's live changes. */
  schedule: LiveSchedule;
  /** The students go on past their epochs until Stop. */
  keepTraining: () => boolean;
  checkpoint: (resume: Resume) => Promise<void>;
}

/** The steps a run (re)started from a checkpoint takes: the teacher's (none if ready) and the students'. */
export interface SeedRange {
  teacher: { from: number; to: number } | null;
  students: { from: number; to: number };
}

/**
 * Trains the page's run's own seed over `range` on the run's engine, with the page's plan and hooks
 * and the flow's (`hooks`); returns the student epochs it completed.
 */
export function trainPageSeed(
  exp: Experiment,
  range: SeedRange,
  ctx: HookContext,
  hooks: Pick<SeedHooks, 'enter' | 'onTeacherRows'>,
): Promise<number> {
  return trainSeed(exp, ctx.steps, pagePlan(exp, range, ctx), { ...pageHooks(exp, ctx), ...hooks });
}

/**
 * The page's seed plan: the teacher at the schedule's rate (a rate the page sets while it trains
 * applies at its next step and joins the teacher's schedule there, so the run's other seeds and
 * its link replay it), the students at the schedule's settings, each change told to the page.
 */
function pagePlan(exp: Experiment, range: SeedRange, ctx: HookContext): SeedPlan {
  const { runId, post, schedule } = ctx;
  const { config } = exp;
  const param = sliderParam(config);
  const chosen = studentsOf(config)[sliderIndex(config)];
  const label =
    param && chosen ? { paramLabel: param.label, paramOnly: !followsSliders(chosen) } : {};
  const perEpoch = exp.studentStepsPerEpoch;
  const { from, to } = range.students;
  return {
    ...(range.teacher && {
      teacher: {
        ...range.teacher,
        learningRate: (step) => {
          const { learningRate, change } = schedule.teacherStep(step);
          if (change) post({ type: 'teacher-rate', runId, change });
          return learningRate;
        },
      },
    }),
    students: {
      from,
      to,
      keepGoing: ctx.keepTraining,
      settings: (step) => {
        const change = schedule.step(step, from);
        if (change)
          post({
            type: 'settings-change',
            runId,
            mark: { ...change, ...label, epoch: step / perEpoch },
          });
        return schedule.current;
      },
    },
  };
}

function pageHooks(exp: Experiment, ctx: HookContext): SeedHooks {
  const { progress } = ctx;
  // A phase hands the same list every step: its ids are worked out once, not at every step.
  let refs: readonly ModelRef[] = [];
  let ids: ModelId[] = [];
  const idsOf = (models: readonly ModelRef[]): ModelId[] => {
    if (models !== refs) [refs, ids] = [models, models.map((m) => exp.idOf(m))];
    return ids;
  };
  return {
    gate: () => ctx.control.gate(),
    afterStep: (models) => {
      progress.advance();
      ctx.boundaries?.update(idsOf(models));
    },
    liveDue: () => progress.due,
    onLive: (point) => {
      receivePoint(exp, point, ctx);
    },
    afterLive: () => {
      progress.flush();
    },
    onEpoch: async (phase, epoch, models) => {
      for (const { model, trainLoss, accuracy, agreement } of models) {
        progress.epoch(exp.idOf(model), epoch, trainLoss, accuracy, agreement);
      }
      await ctx.steps.sync(models.map((m) => m.model));
      await ctx.checkpoint({ phase, epoch });
      progress.flush();
    },
  };
}

/**
 * Keeps a live point for the next report; a loss that is no longer finite pauses the run where
 * it stands (the gate announces it), so nothing trained so far is lost and the person decides.
 */
function receivePoint(exp: Experiment, read: LiveRead, ctx: HookContext): void {
  const point = { ...read, model: exp.idOf(read.model) };
  if (Number.isFinite(point.loss)) {
    ctx.progress.add(point);
    return;
  }
  if (ctx.control.state.paused) return;
  ctx.post({
    type: 'diverged',
    runId: ctx.runId,
    model: point.model,
    step: ctx.progress.step,
    epoch: point.epoch,
    loss: String(point.loss),
    learningRate: ctx.schedule.inForce().learningRate,
  });
  // A loss stopped being finite: the run pauses where it stands.
  ctx.control.apply({ type: 'diverged' });
}

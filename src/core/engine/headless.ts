import type { EpochResult, ModelSummary, StudentPairs } from '../results';
import type { ModelId, ModelRole } from '../roles';
import type { StepSettings } from '../schedule';
import { scratchPairs, studentsOf } from '../students';
import { replay, teacherReplay, trainSeed } from './driver';
import type { ModelEpoch } from './epoch-reader';
import type { Experiment, ModelRef } from './experiment';
import { predictorMacs, predictorParameters } from './ready-teacher';
import { type TrainingSteps, TfjsSteps } from './training-steps';
import { trainingRecord } from './training-record';

/** The final numbers of an experiment's models and the students' row-by-row comparison. */
export interface FinalReport {
  models: Record<ModelRole, ModelSummary>;
  students: StudentPairs;
}

export interface TrainHooks {
  /** Each model's epoch, the students by their index in the run's list. */
  onEpoch?: (report: ModelEpoch) => void;
  /** Awaited before every step: where a caller pauses, or stops the run by throwing. */
  beforeStep?: () => Promise<void>;
  /**
   * The run's T, α and learning rate at each student step; the configuration's schedule replayed
   * when absent, as a fresh run of the same link would take them.
   */
  settings?: (step: number) => StepSettings;
  /** False when the teacher is ready (imported): only its soft targets are computed. */
  trainTeacher?: boolean;
  /**
   * Every step's training loss of each model, in order: a read after every step, for checks
   * (the PyTorch export's comparison), never for a run that must be fast.
   */
  onStepLoss?: (model: ModelRef, loss: number) => void;
}

/**
 * Trains an experiment to the end without live points, through the driver: what the command-line
 * runner and a repeated run's other seeds need, on the tfjs engine or the fused one (`steps`).
 * Metrics stay on the device during an epoch and are read once at its end.
 */
export async function trainToEnd(
  exp: Experiment,
  hooks: TrainHooks = {},
  steps: TrainingSteps = new TfjsSteps(exp),
): Promise<void> {
  const { config } = exp;
  const { onEpoch = () => undefined, beforeStep, trainTeacher = true } = hooks;
  const teacherTo = config.teacherEpochs * exp.teacherPlan.stepsPerEpoch;
  await trainSeed(
    exp,
    steps,
    {
      ...(trainTeacher && {
        teacher: { from: 0, to: teacherTo, learningRate: teacherReplay(config) },
      }),
      students: {
        from: 0,
        to: config.studentEpochs * exp.studentStepsPerEpoch,
        settings: hooks.settings ?? replay(config),
      },
    },
    {
      ...(beforeStep && { gate: beforeStep }),
      ...(hooks.onStepLoss && {
        liveDue: () => true,
        onLive: ({ model, loss }) => hooks.onStepLoss?.(model, loss),
      }),
      onEpoch: (_, __, models) => {
        for (const e of models) onEpoch(e);
        return Promise.resolve();
      },
    },
  );
}

/** Trains the default pair's run to the end and reports it as the page does (`finalReport`). */
export async function trainToReport(
  exp: Experiment,
  hooks: TrainHooks = {},
  steps?: TrainingSteps,
): Promise<FinalReport> {
  await trainToEnd(exp, hooks, steps);
  return finalReport(exp);
}

/** A model's epoch in the page's words (its id, not its place in the list). */
export function pageEpoch(exp: Experiment, e: ModelEpoch): EpochResult {
  const { epoch, trainLoss, accuracy, agreement } = e;
  const result: EpochResult = {
    model: exp.idOf(e.model),
    epoch,
    trainLoss,
    testAccuracy: accuracy,
  };
  return agreement === undefined ? result : { ...result, agreement };
}

/** Whether the run has a distilled student with a scratch twin, the page's two roles. */
export function hasRoles(exp: Experiment): boolean {
  return scratchPairs(studentsOf(exp.config), exp.config.studentHidden).length > 0;
}

/** The models an experiment has trained: the students exist once the teacher's soft targets do. */
export function trainedRoles(exp: Experiment): ModelId[] {
  return exp.hasSoftTargets ? exp.modelIds : ['teacher'];
}

/**
 * Final test metrics of whatever has been trained, and the two students compared row by row once
 * both exist (a run stopped earlier has only its teacher).
 */
export async function summarize(exp: Experiment): Promise<{
  models: Partial<Record<ModelId, ModelSummary>>;
  students?: StudentPairs;
}> {
  const models: Partial<Record<ModelId, ModelSummary>> = {};
  for (const role of trainedRoles(exp)) models[role] = await modelSummary(exp, exp.ref(role));
  if (!exp.hasSoftTargets || !hasRoles(exp)) return { models };
  return { models, students: await exp.compareStudents() };
}

/** A model's parameters and test metrics. */
export async function modelSummary(exp: Experiment, model: ModelRef): Promise<ModelSummary> {
  const predictor = exp.predictorOf(model);
  const macs = predictorMacs(predictor);
  const training = trainingRecord(exp, model);
  return {
    parameters: predictorParameters(predictor),
    ...(macs !== undefined && { macs }),
    ...(await exp.evaluate(predictor)),
    ...(training && { training }),
  };
}

/** Every model's parameters and test metrics, and the students compared on each test row. */
export async function finalReport(exp: Experiment): Promise<FinalReport> {
  const { models, students } = await summarize(exp);
  const { teacher, distilled, scratch } = models;
  if (!teacher || !distilled || !scratch || !students) {
    throw new Error('The experiment has not trained its students.');
  }
  return { models: { teacher, distilled, scratch }, students };
}

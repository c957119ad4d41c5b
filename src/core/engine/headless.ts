import type { EpochResult, ModelSummary, StudentPairs } from '../results';
import type { ModelRole } from '../roles';
import type { Experiment, Hyper } from './experiment';
import { predictorParameters } from './ready-teacher';
import { type TrainingSteps, TfjsSteps } from './training-steps';

/** The final numbers of an experiment's models and the students' row-by-row comparison. */
export interface FinalReport {
  models: Record<ModelRole, ModelSummary>;
  students: StudentPairs;
}

export interface TrainHooks {
  onEpoch?: (report: EpochResult) => void;
  /** Awaited before every step: where a caller pauses, or stops the run by throwing. */
  beforeStep?: () => Promise<void>;
  /** T and α of each student step; the configuration's when absent. */
  hyper?: () => Hyper;
  /** False when the teacher is ready (imported): only its soft targets are computed. */
  trainTeacher?: boolean;
}

/**
 * Trains an experiment to the end without live points: what the command-line runner and a
 * repeated run's other seeds need, on the tfjs engine or the fused one (`steps`). Metrics stay on
 * the device during an epoch and are read once at its end, as in the worker's own loop.
 */
export async function trainToEnd(
  exp: Experiment,
  hooks: TrainHooks = {},
  steps: TrainingSteps = new TfjsSteps(exp),
): Promise<FinalReport> {
  const { teacherEpochs, studentEpochs, temperature, alpha } = exp.config;
  const { onEpoch = () => undefined, beforeStep, trainTeacher = true } = hooks;
  const hyper = hooks.hyper ?? (() => ({ temperature, alpha }));
  const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
  try {
    for (let epoch = 1; trainTeacher && epoch <= teacherEpochs; epoch++) {
      const start = (epoch - 1) * teacherPerEpoch;
      for (let i = 0; i < teacherPerEpoch; i++) {
        await beforeStep?.();
        steps.teacherStep(start + i);
      }
      const trainLoss = (await steps.metrics('teacher').take())?.loss ?? NaN;
      const { accuracy } = await steps.evaluate('teacher');
      onEpoch({ model: 'teacher', epoch, trainLoss, testAccuracy: accuracy });
    }
    await steps.finishTeacher();

    const studentPerEpoch = exp.distilledPlan.stepsPerEpoch;
    for (let epoch = 1; epoch <= studentEpochs; epoch++) {
      const start = (epoch - 1) * studentPerEpoch;
      for (let i = 0; i < studentPerEpoch; i++) {
        await beforeStep?.();
        steps.studentStep(start + i, hyper());
      }
      for (const role of ['distilled', 'scratch'] as const) {
        const trainLoss = (await steps.metrics(role).take())?.loss ?? NaN;
        const { accuracy, agreement } = await steps.evaluate(role);
        onEpoch({ model: role, epoch, trainLoss, testAccuracy: accuracy, agreement });
      }
    }
    await steps.sync(['distilled', 'scratch']);
  } finally {
    for (const role of ['teacher', 'distilled', 'scratch'] as const) steps.metrics(role).dispose();
  }
  return finalReport(exp);
}

/** The models an experiment has trained: the students exist once the teacher's soft targets do. */
export function trainedRoles(exp: Experiment): ModelRole[] {
  return exp.hasSoftTargets ? ['teacher', 'distilled', 'scratch'] : ['teacher'];
}

/**
 * Final test metrics of whatever has been trained, and the two students compared row by row once
 * both exist (a run stopped earlier has only its teacher).
 */
export async function summarize(exp: Experiment): Promise<{
  models: Partial<Record<ModelRole, ModelSummary>>;
  students?: StudentPairs;
}> {
  const models: Partial<Record<ModelRole, ModelSummary>> = {};
  for (const role of trainedRoles(exp)) {
    const model = exp.predictor(role);
    models[role] = { parameters: predictorParameters(model), ...(await exp.evaluate(model)) };
  }
  if (!exp.hasSoftTargets) return { models };
  return { models, students: await exp.compareStudents() };
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

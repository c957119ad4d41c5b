import type { EpochResult, ModelSummary, StudentPairs } from '../results';
import type { ModelRole } from '../roles';
import type { Experiment, Hyper } from './experiment';
import { modelParameters } from './network';
import { type StepMetrics, MetricAccumulator } from './trainer';

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
 * repeated run's other seeds need. Metrics stay on the device during an epoch and are read once at
 * its end, as in the worker's own loop.
 */
export async function trainToEnd(exp: Experiment, hooks: TrainHooks = {}): Promise<FinalReport> {
  const { teacherEpochs, studentEpochs, temperature, alpha } = exp.config;
  const { onEpoch = () => undefined, beforeStep, trainTeacher = true } = hooks;
  const hyper = hooks.hyper ?? (() => ({ temperature, alpha }));
  const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
  for (let epoch = 1; trainTeacher && epoch <= teacherEpochs; epoch++) {
    const start = (epoch - 1) * teacherPerEpoch;
    const [loss] = await runEpoch(teacherPerEpoch, 1, beforeStep, (i) => [
      exp.teacherStep(start + i),
    ]);
    const evaluation = await exp.evaluate(exp.teacher.model);
    onEpoch({ model: 'teacher', epoch, trainLoss: loss ?? NaN, testAccuracy: evaluation.accuracy });
  }
  exp.finishTeacher();

  const studentPerEpoch = exp.distilledPlan.stepsPerEpoch;
  for (let epoch = 1; epoch <= studentEpochs; epoch++) {
    const start = (epoch - 1) * studentPerEpoch;
    const losses = await runEpoch(studentPerEpoch, 2, beforeStep, (i) => {
      const m = exp.studentStep(start + i, hyper());
      return [m.distilled, m.scratch];
    });
    for (const [i, role] of (['distilled', 'scratch'] as const).entries()) {
      const { accuracy, agreement } = await exp.evaluate(exp[role].model);
      const trainLoss = losses[i] ?? NaN;
      onEpoch({ model: role, epoch, trainLoss, testAccuracy: accuracy, agreement });
    }
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
    const model = exp[role].model;
    models[role] = { parameters: modelParameters(model), ...(await exp.evaluate(model)) };
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

/** Runs an epoch of `tracks` models stepping together; the mean training loss of each. */
async function runEpoch(
  steps: number,
  tracks: number,
  beforeStep: (() => Promise<void>) | undefined,
  step: (i: number) => StepMetrics[],
): Promise<number[]> {
  const accs = Array.from({ length: tracks }, () => new MetricAccumulator());
  try {
    for (let i = 0; i < steps; i++) {
      await beforeStep?.();
      step(i).forEach((m, t) => accs[t]?.add(m));
    }
    const losses: number[] = [];
    for (const acc of accs) losses.push((await acc.take())?.loss ?? NaN);
    return losses;
  } finally {
    for (const acc of accs) acc.dispose();
  }
}

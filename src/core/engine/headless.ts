import type { Evaluation, Experiment } from './experiment';
import { networkParameters } from './network';
import { type StepMetrics, MetricAccumulator } from './trainer';

export type Role = 'teacher' | 'distilled' | 'scratch';

export interface EpochReport {
  model: Role;
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
  agreement?: number;
}

export interface FinalReport extends Evaluation {
  parameters: number;
}

/**
 * Trains an experiment to the end without pauses or live points: what the command-line runner
 * needs. Metrics stay on the device during an epoch and are read once at its end, as in the worker.
 */
export async function trainToEnd(
  exp: Experiment,
  onEpoch: (report: EpochReport) => void = () => undefined,
): Promise<Record<Role, FinalReport>> {
  const { teacherEpochs, studentEpochs, temperature, alpha } = exp.config;
  const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
  for (let epoch = 1; epoch <= teacherEpochs; epoch++) {
    const start = (epoch - 1) * teacherPerEpoch;
    const loss = await runEpoch(teacherPerEpoch, (i) => exp.teacherStep(start + i));
    onEpoch({
      model: 'teacher',
      epoch,
      trainLoss: loss,
      ...accuracyOf(await exp.evaluate(exp.teacher.model)),
    });
  }
  exp.finishTeacher();

  const studentPerEpoch = exp.distilledPlan.stepsPerEpoch;
  for (let epoch = 1; epoch <= studentEpochs; epoch++) {
    const start = (epoch - 1) * studentPerEpoch;
    const losses = await runStudentEpoch(studentPerEpoch, (i) =>
      exp.studentStep(start + i, { temperature, alpha }),
    );
    for (const role of ['distilled', 'scratch'] as const) {
      const evaluation = await exp.evaluate(exp[role].model);
      onEpoch({ model: role, epoch, trainLoss: losses[role], ...accuracyOf(evaluation) });
    }
  }

  const final = {} as Record<Role, FinalReport>;
  for (const role of ['teacher', 'distilled', 'scratch'] as const) {
    const model = exp[role].model;
    final[role] = { parameters: networkParameters(model), ...(await exp.evaluate(model)) };
  }
  return final;
}

function accuracyOf(e: Evaluation): { testAccuracy: number; agreement?: number } {
  return e.agreement === undefined
    ? { testAccuracy: e.accuracy }
    : { testAccuracy: e.accuracy, agreement: e.agreement };
}

async function runEpoch(steps: number, step: (i: number) => StepMetrics): Promise<number> {
  const acc = new MetricAccumulator();
  try {
    for (let i = 0; i < steps; i++) acc.add(step(i));
    return (await acc.take())?.loss ?? Number.NaN;
  } finally {
    acc.dispose();
  }
}

async function runStudentEpoch(
  steps: number,
  step: (i: number) => { distilled: StepMetrics; scratch: StepMetrics },
): Promise<{ distilled: number; scratch: number }> {
  const distilled = new MetricAccumulator();
  const scratch = new MetricAccumulator();
  try {
    for (let i = 0; i < steps; i++) {
      const m = step(i);
      distilled.add(m.distilled);
      scratch.add(m.scratch);
    }
    return {
      distilled: (await distilled.take())?.loss ?? Number.NaN,
      scratch: (await scratch.take())?.loss ?? Number.NaN,
    };
  } finally {
    distilled.dispose();
    scratch.dispose();
  }
}

import type { Experiment } from '../core/engine/experiment';
import { MetricAccumulator } from '../core/engine/trainer';
import type { SweepCell, SweepPoint, SweepRequest } from '../protocol/analysis';

export interface SweepDeps {
  /** Lets a cancel (or any other command) in between two steps. */
  yieldToEventLoop(): Promise<void>;
  cancelled(): boolean;
  onCell(cell: SweepCell, done: number, total: number): void;
  learningRate: number;
}

/**
 * Trains one distilled student per T × α cell, each from the same initial weights and batch order
 * as the run's students, on the soft targets the run cached: the teacher never runs again.
 * Returns false when cancelled; the cell in training is discarded.
 */
export async function runSweep(
  exp: Experiment,
  request: SweepRequest,
  deps: SweepDeps,
): Promise<boolean> {
  const perEpoch = exp.studentStepsPerEpoch;
  const distilled = exp.studentAt(exp.roleIndex('distilled'));
  const { learningRate } = deps;
  const total = request.temperatures.length * request.alphas.length;
  let done = 0;
  for (const temperature of request.temperatures) {
    for (const alpha of request.alphas) {
      const student = exp.newStudent();
      const acc = new MetricAccumulator();
      try {
        const curve: SweepPoint[] = [];
        let last = { accuracy: Number.NaN, agreement: Number.NaN };
        const steps = request.epochs * perEpoch;
        for (let s = 0; s < steps; s++) {
          await deps.yieldToEventLoop();
          if (deps.cancelled()) return false;
          const settings = { temperature, alpha, learningRate };
          acc.add(exp.stepOf({ ...distilled, trainer: student }, s, settings));
          if ((s + 1) % perEpoch === 0) {
            const trainLoss = (await acc.take())?.loss ?? Number.NaN;
            const { accuracy, agreement = Number.NaN } = await exp.evaluate(student.model);
            last = { accuracy, agreement };
            curve.push({ epoch: (s + 1) / perEpoch, trainLoss, testAccuracy: accuracy });
          }
        }
        // Paired with the run's scratch student on the same test rows, to test the cell's gain.
        const paired = (await exp.compareOnTest(student.model, exp.scratch.model)).accuracy;
        done += 1;
        deps.onCell({ temperature, alpha, ...last, curve, paired }, done, total);
      } finally {
        acc.dispose();
        student.dispose();
      }
    }
  }
  return true;
}

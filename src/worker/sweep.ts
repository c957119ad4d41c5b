/**
 * A sweep as a set of students trained together by the driver, on the run's engine, on the run's
 * batches and the run's finished teacher's soft targets (the teacher is copied, never trained
 * again), all with the same step budget. A T × α grid: one KD student per cell and one scratch
 * student, all from the run's student network's initial weights. A capacity sweep: a KD student
 * and its scratch twin for each network, each pair from that network's initial weights.
 */
import { trainSeed } from '../core/engine/driver';
import { Experiment } from '../core/engine/experiment';
import { buildExperiment } from '../core/engine/load-teacher';
import { assignWeights, networkVariables } from '../core/engine/network';
import { copyOutputs } from '../core/engine/teacher-outputs';
import type { TrainingSteps } from '../core/engine/training-steps';
import { capacityStudents } from '../core/capacity';
import { gridStudents } from '../core/students';
import { reportCells, reportSizes } from '../core/engine/sweep-report';
import type { SweepCell, SweepPoint, SweepSize } from '../core/sweep-results';
import type { SweepRequest, TransferSweepRequest } from '../protocol/analysis';

export interface SweepDeps {
  /** Lets a cancel (or any other command) in between two steps. */
  yieldToEventLoop(): Promise<void>;
  cancelled(): boolean;
  onCell(cell: SweepCell, done: number, total: number): void;
  /** A capacity sweep's network, reported in place of cells. */
  onSize(size: SweepSize, done: number, total: number): void;
  /** The students training together finished `epoch` of `epochs`. */
  onEpoch(epoch: number, epochs: number): void;
  learningRate: number;
  /** The engine the run trains on (the fused kernels on WebGPU). */
  steps(exp: Experiment): Promise<TrainingSteps>;
}

/** Thrown at the gate when the person cancels: the students in training are discarded. */
class Cancelled extends Error {}

/** Trains the grid; false when cancelled. Cells are reported together once trained. */
export async function runSweep(
  exp: Experiment,
  request: Exclude<SweepRequest, TransferSweepRequest>,
  deps: SweepDeps,
): Promise<boolean> {
  const students =
    request.axis === 'capacity'
      ? capacityStudents(request.sizes)
      : gridStudents(request.temperatures, request.alphas);
  const config = { ...exp.config, studentEpochs: request.epochs, schedule: [], students };
  const sweep = await buildExperiment(exp.dataset, config, exp.ready);
  const ready = sweep.ready;
  let steps: TrainingSteps | null = null;
  try {
    if (!ready) {
      assignWeights(networkVariables(sweep.teacher.model), networkVariables(exp.teacher.model));
    }
    // The same teacher on the same rows: its soft targets are the run's, with no forward pass.
    if (exp.teacherOutputs) sweep.carryTeacherOutputs(copyOutputs(exp.teacherOutputs));
    steps = await deps.steps(sweep);
    const curves: SweepPoint[][] = students.map(() => []);
    const { temperature, alpha } = exp.config;
    const settings = { temperature, alpha, learningRate: deps.learningRate };
    const to = request.epochs * sweep.studentStepsPerEpoch;
    await trainSeed(
      sweep,
      steps,
      { students: { from: 0, to, settings: () => settings } },
      {
        gate: async () => {
          await deps.yieldToEventLoop();
          if (deps.cancelled()) throw new Cancelled();
        },
        onEpoch: (_, epoch, models) => {
          for (const e of models) {
            if (e.model === 'teacher') continue;
            curves[e.model]?.push({ epoch, trainLoss: e.trainLoss, testAccuracy: e.accuracy });
          }
          deps.onEpoch(epoch, request.epochs);
          return Promise.resolve();
        },
      },
    );
    await (request.axis === 'capacity'
      ? reportSizes(sweep, request.sizes, curves, (size, i, n) => {
          deps.onSize(size, i, n);
        })
      : reportCells(sweep, curves, (cell, i, n) => {
          deps.onCell(cell, i, n);
        }));
    return true;
  } catch (e) {
    if (e instanceof Cancelled) return false;
    throw e;
  } finally {
    steps?.dispose();
    sweep.dispose();
  }
}

import type { ModelRole } from '../roles';
import type { Evaluation, Experiment, Hyper, RowsDone } from './experiment';
import { MetricAccumulator } from './trainer';

/** A model's training metrics since the last read, summed where the steps run. */
export interface MetricSource {
  readonly pendingSteps: number;
  /** Mean loss per step and accuracy per row since the last take, read without blocking. */
  take(): Promise<{ loss: number; accuracy: number } | null>;
  dispose(): void;
}

/**
 * How an experiment's steps are taken: by the tfjs engine, op by op, or by the fused WebGPU
 * kernels (fused/fused-steps.ts). The loops (the worker's and the headless one) see only this.
 */
export interface TrainingSteps {
  /** Says which path trains, for the page: 'tfjs' or 'fused'. */
  readonly engine: 'tfjs' | 'fused';
  teacherStep(step: number): void;
  /** One step of each student: the distilled one at `hyper`, the scratch one at α = 0. */
  studentStep(step: number, hyper: Hyper): void;
  metrics(role: ModelRole): MetricSource;
  evaluate(role: ModelRole): Promise<Evaluation>;
  /** The teacher is final: its soft targets and test predictions are formed (`onRows`: progress). */
  finishTeacher(onRows?: RowsDone): Promise<void>;
  /** The experiment's tfjs models take the trained weights (checkpoints, maps, the end). */
  sync(roles: readonly ModelRole[]): Promise<void>;
  dispose(): void;
}

/** The tfjs engine's steps: the experiment's own, metrics summed in tfjs tensors. */
export class TfjsSteps implements TrainingSteps {
  readonly engine = 'tfjs';
  private readonly sums: Record<ModelRole, MetricAccumulator> = {
    teacher: new MetricAccumulator(),
    distilled: new MetricAccumulator(),
    scratch: new MetricAccumulator(),
  };

  constructor(private readonly exp: Experiment) {}

  teacherStep(step: number): void {
    this.sums.teacher.add(this.exp.teacherStep(step));
  }

  studentStep(step: number, hyper: Hyper): void {
    const m = this.exp.studentStep(step, hyper);
    this.sums.distilled.add(m.distilled);
    this.sums.scratch.add(m.scratch);
  }

  metrics(role: ModelRole): MetricSource {
    return this.sums[role];
  }

  evaluate(role: ModelRole): Promise<Evaluation> {
    return this.exp.evaluate(this.exp.predictor(role));
  }

  finishTeacher(onRows?: RowsDone): Promise<void> {
    return this.exp.finishTeacher(onRows);
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {
    for (const sum of Object.values(this.sums)) sum.dispose();
  }
}

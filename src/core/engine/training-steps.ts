import type { StepSettings } from '../schedule';
import type { Experiment, ModelRef } from './experiment';
import type { Evaluation } from './test-set';
import type { RowsDone } from './teacher-outputs';
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
 * kernels (fused/fused-steps.ts). The driver (driver.ts) sees only this.
 */
export interface TrainingSteps {
  /** Says which path trains, for the page: 'tfjs' or 'fused'. */
  readonly engine: 'tfjs' | 'fused';
  /** The threads the fused CPU engine's kernels run on, when it is the engine. */
  readonly threads?: number;
  /**
   * Awaited before each step where the engine's device runs behind the recording: resolves once it
   * has room for another (`fused/submit-pacer.ts`). Absent where a step runs as it is recorded.
   */
  ready?(): Promise<void>;
  teacherStep(step: number, learningRate: number): void;
  /** One step of every student, student i at `settings[i]`. */
  studentStep(step: number, settings: readonly StepSettings[]): void;
  metrics(model: ModelRef): MetricSource;
  evaluate(model: ModelRef): Promise<Evaluation>;
  /** The teacher is final: its soft targets and test predictions are formed (`onRows`: progress). */
  finishTeacher(onRows?: RowsDone): Promise<void>;
  /** The experiment's tfjs models take the trained weights (checkpoints, maps, the end). */
  sync(models: readonly ModelRef[]): Promise<void>;
  /**
   * The models are final: their test-set measures (the report, comparisons, the analysis's logits)
   * read the test logits of the engine that trained them, with no tfjs forward pass.
   */
  settle(models: readonly ModelRef[]): Promise<void>;
  dispose(): void;
}

/** The tfjs engine's steps: the experiment's own, metrics summed in tfjs tensors. */
export class TfjsSteps implements TrainingSteps {
  readonly engine = 'tfjs';
  private readonly teacherSums = new MetricAccumulator();
  private readonly studentSums: MetricAccumulator[];

  constructor(private readonly exp: Experiment) {
    this.studentSums = exp.students.map(() => new MetricAccumulator());
  }

  teacherStep(step: number, learningRate: number): void {
    this.teacherSums.add(this.exp.teacherStep(step, learningRate));
  }

  studentStep(step: number, settings: readonly StepSettings[]): void {
    for (const [i, m] of this.exp.studentStep(step, settings).entries()) {
      this.metrics(i).add(m);
    }
  }

  metrics(model: ModelRef): MetricAccumulator {
    const sums = model === 'teacher' ? this.teacherSums : this.studentSums[model];
    if (!sums) throw new Error(`The run has no student ${model}.`);
    return sums;
  }

  evaluate(model: ModelRef): Promise<Evaluation> {
    return this.exp.evaluate(this.exp.predictorOf(model));
  }

  finishTeacher(onRows?: RowsDone): Promise<void> {
    return this.exp.finishTeacher(onRows);
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  /** Its tfjs models are what it trained: their measures run on tfjs anyway. */
  settle(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {
    this.teacherSums.dispose();
    for (const sum of this.studentSums) sum.dispose();
  }
}

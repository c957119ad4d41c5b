import * as tf from '@tensorflow/tfjs';
import { BatchPlan, range } from '../batches';
import { type ExperimentConfig, inputShape } from '../config';
import type { Dataset } from '../data/dataset';
import { labeledSubset } from '../data/split';
import { deriveSeed } from '../rng';
import type { StudentPairs } from '../results';
import type { ModelId } from '../roles';
import type { StepSettings } from '../schedule';
import { type ModelRef, idOf, modelIds, refOf, roleIndex } from '../students';
import { batchRows } from './batch-rows';
import { hardTerm } from './distill';
import { type Network, createNetwork, forwardParts } from './network';
import type { Predictor, ReadyTeacher } from './ready-teacher';
import { studentLoss } from './student-loss';
import { type StudentModel, buildStudents } from './student-models';
import { type RowsDone, type TeacherOutputs, disposeOutputs } from './teacher-outputs';
import { importedTeacherProblem, teacherOutputs } from './teacher-outputs';
import { type Evaluation, TestSet } from './test-set';
import { ModelTrainer, type StepMetrics } from './trainer';
import { TrainingLog } from './training-log';

export type { ModelRef, StudentModel };
/** The device tensors of an experiment's data. */
interface DataTensors {
  xTrain: tf.Tensor2D;
  yTrain: tf.Tensor1D;
  xTest: tf.Tensor2D;
  labelMask?: tf.Tensor1D;
}

/**
 * One distillation experiment on one dataset: the teacher, then the run's students in lockstep.
 * Every step is synchronous and leaves its metrics on the device; only `evaluate` reads back,
 * asynchronously, once per epoch. With a `ready` teacher (an imported model) the teacher is not
 * trained: its logits are all the students learn from.
 */
export class Experiment {
  readonly teacher: ModelTrainer;
  readonly students: readonly StudentModel[];
  readonly teacherPlan: BatchPlan;
  /** Student steps in an epoch: one pass over the largest pool, the same for every student. */
  readonly studentStepsPerEpoch: number;
  readonly labeledRows: Int32Array;
  /** Each training phase's steps and time, as the driver ran them. */
  readonly log = new TrainingLog();

  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor1D;
  readonly test: TestSet;
  /** 1 where a training row keeps its hard label for the students. */
  private readonly labelMask: tf.Tensor1D;
  /** Teacher logits on the training set and its test predictions, once the teacher is trained. */
  #outputs: TeacherOutputs | null = null;
  /** A finished teacher's outputs carried over with its weights (a reused teacher, a sweep's). */
  #carried: TeacherOutputs | null = null;

  constructor(
    readonly dataset: Dataset,
    readonly config: ExperimentConfig,
    /** A teacher that is not trained here; the experiment disposes it. */
    readonly ready: ReadyTeacher | null = null,
  ) {
    const { features, classes, xTrain, yTrain, xTest, yTest } = dataset;
    const trainRows = yTrain.length;
    this.xTrain = tf.tensor2d(xTrain, [trainRows, features]);
    this.yTrain = tf.tensor1d(yTrain, 'int32');
    this.test = new TestSet(features, yTest, xTest);

    this.labeledRows = labeledSubset(yTrain, classes, config.labeledFraction, config.seed);
    const mask = new Float32Array(trainRows);
    for (const r of this.labeledRows) mask[r] = 1;
    this.labelMask = tf.tensor1d(mask);

    // The configuration was validated without knowing the teacher would be imported.
    const refused = ready ? importedTeacherProblem(config, classes) : null;
    if (refused) throw new Error(refused);
    const { seed, batchSize } = config;
    const base = { input: inputShape(config), classes, seed };
    const teacherModel = createNetwork({ ...base, hidden: config.teacherHidden, name: 'teacher' });
    this.teacher = new ModelTrainer(teacherModel);

    const allRows = range(trainRows);
    const studentSeed = deriveSeed(seed, 'students');
    this.teacherPlan = new BatchPlan(allRows, batchSize, deriveSeed(seed, 'teacher'));
    // Equal seeds: students over the same pool see exactly the same batches in the same order.
    const transferPlan = new BatchPlan(allRows, batchSize, studentSeed);
    const labeledPlan = new BatchPlan(this.labeledRows, batchSize, studentSeed);
    this.students = buildStudents(config, base, {
      transfer: transferPlan,
      labeled: labeledPlan,
      masked: this.labeledRows.length < trainRows,
    });
    this.studentStepsPerEpoch = Math.max(...this.students.map((s) => s.plan.stepsPerEpoch));
  }

  get usesTransferSet(): boolean {
    return this.config.transferSet && this.labeledRows.length < this.dataset.yTrain.length;
  }

  /** The list index of the student a page role names (students.ts `roleIndex`). */
  roleIndex(role: 'distilled' | 'scratch'): number {
    return roleIndex(this.config, role);
  }

  /** The page's ids of the run's models, the teacher first, students in the list's order. */
  get modelIds(): ModelId[] {
    return modelIds(this.config);
  }

  /** The model a page id names, as a reference the engines take. */
  ref(id: ModelId): ModelRef {
    return refOf(this.config, id);
  }

  /** The page's id of the model `ref` names. */
  idOf(ref: ModelRef): ModelId {
    return idOf(this.config, ref);
  }

  /** The network trained here as `id` (for an imported teacher: the unused configured one). */
  network(id: ModelId): Network {
    const ref = this.ref(id);
    return ref === 'teacher' ? this.teacher.model : this.studentAt(ref).trainer.model;
  }

  /** The trainers of the distilled student (the first KD one) and of its scratch twin. */
  get distilled(): ModelTrainer {
    return this.studentAt(this.roleIndex('distilled')).trainer;
  }
  get scratch(): ModelTrainer {
    return this.studentAt(this.roleIndex('scratch')).trainer;
  }

  studentAt(index: number): StudentModel {
    const student = this.students[index];
    if (!student) throw new Error(`The run has no student ${index}.`);
    return student;
  }

  teacherStep(step: number, learningRate: number): StepMetrics {
    const rows = this.teacherPlan.batch(step);
    const dropoutSeed = deriveSeed(this.config.seed, `dropout:${step}`);
    return this.withBatch(rows, (x, labels) =>
      this.teacher.step(x, labels, (logits) => hardTerm(logits, labels), {
        learningRate,
        dropoutSeed,
      }),
    );
  }

  /** What predicts as the teacher: the ready teacher, else the network trained here. */
  get teacherPredictor(): Predictor {
    return this.ready ?? this.teacher.model;
  }

  /** What predicts as `role`. */
  predictor(id: ModelId): Predictor {
    return this.predictorOf(this.ref(id));
  }

  /** What predicts as the model `ref` names. */
  predictorOf(ref: ModelRef): Predictor {
    return ref === 'teacher' ? this.teacherPredictor : this.studentAt(ref).trainer.model;
  }

  /**
   * Caches the teacher's training-set logits (soft targets) and test predictions, running it chunk
   * by chunk; with `onRows`, each chunk is awaited and reported (an imported teacher may be large).
   * `given`: outputs an engine computed itself (the fused kernels').
   */
  async finishTeacher(
    onRows?: RowsDone,
    given?: () => ReturnType<typeof teacherOutputs>,
  ): Promise<void> {
    disposeOutputs(this.#outputs);
    this.#outputs = null;
    const { x } = this.test;
    const carried = this.#carried;
    this.#carried = null;
    const outputs = await (given?.() ??
      (carried
        ? Promise.resolve(carried)
        : teacherOutputs(this.teacherPredictor, this.xTrain, x, onRows)));
    this.#outputs = outputs;
  }

  /**
   * Outputs of this teacher on these rows from a finished copy of it (`copyOutputs`):
   * `finishTeacher` takes them and runs no forward pass; released here if never taken.
   */
  carryTeacherOutputs(outputs: TeacherOutputs): void {
    disposeOutputs(this.#carried);
    this.#carried = outputs;
  }

  /** The finished teacher's soft targets and test predictions; null before. */
  get teacherOutputs(): TeacherOutputs | null {
    return this.#outputs;
  }

  /** The finished teacher's top-1 class of every test row, read back; null before. */
  async teacherPredictions(): Promise<Int32Array | null> {
    const predictions = this.#outputs?.testPredictions;
    return predictions ? ((await predictions.data()) as Int32Array) : null;
  }

  get hasSoftTargets(): boolean {
    return this.#outputs !== null;
  }

  /** The data's device tensors, for code beside it; `labelMask` only with the transfer set. */
  get tensors(): DataTensors {
    const { xTrain, yTrain, test } = this;
    const xTest = test.x;
    return this.usesTransferSet
      ? { xTrain, yTrain, xTest, labelMask: this.labelMask }
      : { xTrain, yTrain, xTest };
  }

  /** One step of every student at its own settings (`settings[i]`): the same batches and masks. */
  studentStep(step: number, settings: readonly StepSettings[]): StepMetrics[] {
    return this.students.map((student, i) => {
      const at = settings[i];
      if (!at) throw new Error(`No settings for student ${i} at step ${step}.`);
      return this.stepOf(student, step, at);
    });
  }

  /**
   * One step of `student` by its method (`student-loss.ts`): the teacher's side comes from the
   * cached soft targets and, for hints, the frozen teacher's hidden layer — never a trained one.
   */
  stepOf(student: StudentModel, step: number, settings: StepSettings): StepMetrics {
    const { trainer, plan, masked } = student;
    // Every student draws the same masks at a step, so dropout is no difference between them.
    const dropoutSeed = deriveSeed(this.config.seed, `student-dropout:${step}`);
    return this.withBatch(plan.batch(step), (x, labels, idx) => {
      const lossOf = studentLoss(student, settings, {
        labels,
        teacherLogits: () => {
          if (!this.#outputs) throw new Error('Train the teacher before the students.');
          return tf.gather(this.#outputs.soft, idx);
        },
        teacherHidden: () => {
          const hidden = forwardParts(this.teacher.model, x).lastHidden;
          if (!hidden) throw new Error("The teacher's last hidden layer is not dense.");
          return hidden;
        },
        ...(masked ? { labelMask: tf.gather(this.labelMask, idx) } : {}),
        epoch: Math.floor(step / this.studentStepsPerEpoch),
      });
      return trainer.step(x, labels, lossOf, { learningRate: settings.learningRate, dropoutSeed });
    });
  }

  /** Test accuracy, and agreement with the teacher's test predictions once they exist. */
  evaluate(model: Predictor): Promise<Evaluation> {
    const reference =
      model === this.teacherPredictor ? null : (this.#outputs?.testPredictions ?? null);
    return this.test.evaluate(model, reference);
  }

  /** The two students row by row on the test set, and the distilled one against the teacher. */
  async compareStudents(): Promise<StudentPairs> {
    const { model } = this.distilled;
    const teacher = await this.compareOnTest(model, this.teacherPredictor);
    return { ...(await this.compareOnTest(model, this.scratch.model)), teacher: teacher.accuracy };
  }

  /** Two models compared on each test row, on the labels and (once it exists) the teacher. */
  compareOnTest(first: Predictor, second: Predictor): Promise<StudentPairs> {
    return this.test.compare(first, second, this.#outputs?.testPredictions ?? null);
  }

  dispose(): void {
    tf.dispose([this.xTrain, this.yTrain, this.labelMask]);
    this.test.dispose();
    disposeOutputs(this.#outputs);
    disposeOutputs(this.#carried);
    this.teacher.dispose();
    this.ready?.dispose();
    for (const student of this.students) student.trainer.dispose();
  }

  private withBatch<T extends tf.TensorContainer>(
    rows: Int32Array,
    run: (x: tf.Tensor2D, labels: tf.Tensor1D, idx: tf.Tensor1D) => T,
  ): T {
    return tf.tidy(() => {
      const idx = tf.tensor1d(rows, 'int32');
      const device = { xTrain: this.xTrain, yTrain: this.yTrain };
      const { x, labels } = batchRows(rows, idx, this.dataset, device);
      return run(x, labels, idx);
    });
  }
}

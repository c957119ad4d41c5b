import * as tf from '@tensorflow/tfjs';
import { BatchPlan, range } from '../batches';
import { type ExperimentConfig, inputShape } from '../config';
import type { Dataset } from '../data/dataset';
import { labeledSubset } from '../data/split';
import { deriveSeed } from '../rng';
import type { StudentPairs } from '../results';
import { countPaired } from '../significance/paired';
import { hardTerm, distillationLoss } from './distill';
import { type NetworkSpec, cloneNetwork, createNetwork } from './network';
import { predictLogits, predictLogitsAwaited } from './predict';
import { type Predictor, type ReadyTeacher, predictorLogits } from './ready-teacher';
import { ModelTrainer, type StepMetrics } from './trainer';

export interface Hyper {
  temperature: number;
  alpha: number;
}

export interface Evaluation {
  accuracy: number;
  /** Share of test rows where the model's top-1 class equals the teacher's (absent for the teacher). */
  agreement?: number;
}

/** Called after each chunk of rows the teacher has run on, awaited (progress, yielding). */
export type RowsDone = (done: number, total: number) => Promise<void>;

/**
 * One distillation experiment on one dataset: the teacher, then the distilled and scratch students
 * in lockstep. Every step is synchronous and leaves its metrics on the device; only `evaluate`
 * reads back, asynchronously, once per epoch. With a `ready` teacher (an imported model) the
 * teacher is not trained: its logits are all the students learn from.
 */
export class Experiment {
  readonly teacher: ModelTrainer;
  readonly distilled: ModelTrainer;
  readonly scratch: ModelTrainer;
  readonly teacherPlan: BatchPlan;
  readonly distilledPlan: BatchPlan;
  readonly scratchPlan: BatchPlan;
  readonly labeledRows: Int32Array;

  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor1D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor1D;
  /** 1 where a training row keeps its hard label for the students. */
  private readonly labelMask: tf.Tensor1D;
  /** Teacher logits on the training set, computed once the teacher is trained. */
  private softTargets: tf.Tensor2D | null = null;
  private teacherTestPredictions: tf.Tensor1D | null = null;
  private readonly studentSpec: NetworkSpec;

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
    this.xTest = tf.tensor2d(xTest, [yTest.length, features]);
    this.yTest = tf.tensor1d(yTest, 'int32');

    this.labeledRows = labeledSubset(yTrain, classes, config.labeledFraction, config.seed);
    const mask = new Float32Array(trainRows);
    for (const r of this.labeledRows) mask[r] = 1;
    this.labelMask = tf.tensor1d(mask);

    const { seed, learningRate, batchSize } = config;
    const base = { input: inputShape(config), classes, seed };
    const teacherModel = createNetwork({ ...base, hidden: config.teacherHidden, name: 'teacher' });
    this.studentSpec = { ...base, hidden: config.studentHidden, name: 'student' };
    const studentModel = createNetwork(this.studentSpec);
    this.teacher = new ModelTrainer(teacherModel, learningRate);
    this.distilled = new ModelTrainer(studentModel, learningRate);
    // Same architecture, same initial weights: the only difference is what it learns from.
    this.scratch = new ModelTrainer(cloneNetwork(studentModel, 'scratch'), learningRate);

    const allRows = range(trainRows);
    const studentSeed = deriveSeed(seed, 'students');
    this.teacherPlan = new BatchPlan(allRows, batchSize, deriveSeed(seed, 'teacher'));
    // Equal seeds: with the transfer set off both pools are the labelled rows, so the two
    // students see exactly the same batches in the same order.
    this.distilledPlan = new BatchPlan(
      config.transferSet ? allRows : this.labeledRows,
      batchSize,
      studentSeed,
    );
    this.scratchPlan = new BatchPlan(this.labeledRows, batchSize, studentSeed);
  }

  get usesTransferSet(): boolean {
    return this.config.transferSet && this.labeledRows.length < this.dataset.yTrain.length;
  }

  set learningRate(value: number) {
    this.teacher.learningRate = value;
    this.distilled.learningRate = value;
    this.scratch.learningRate = value;
  }

  teacherStep(step: number): StepMetrics {
    const rows = this.teacherPlan.batch(step);
    const dropoutSeed = deriveSeed(this.config.seed, `dropout:${step}`);
    return this.withBatch(rows, (x, labels) =>
      this.teacher.step(x, labels, (logits) => hardTerm(logits, labels), dropoutSeed),
    );
  }

  /** What predicts as the teacher: the ready teacher, else the network trained here. */
  get teacherPredictor(): Predictor {
    return this.ready ?? this.teacher.model;
  }

  /** What predicts as `role`. */
  predictor(role: 'teacher' | 'distilled' | 'scratch'): Predictor {
    return role === 'teacher' ? this.teacherPredictor : this[role].model;
  }

  /**
   * Caches the teacher's training-set logits (soft targets) and test predictions, running it chunk
   * by chunk; with `onRows`, each chunk is awaited and reported (an imported teacher may be large).
   */
  async finishTeacher(onRows?: RowsDone): Promise<void> {
    this.softTargets?.dispose();
    this.teacherTestPredictions?.dispose();
    this.softTargets = null;
    this.teacherTestPredictions = null;
    const train = this.xTrain.shape[0];
    const total = train + this.xTest.shape[0];
    const teacher = this.teacherPredictor;
    // With a listener, chunk by chunk as the rows finish; else all enqueued at once.
    const soft = onRows
      ? await predictLogitsAwaited(teacher, this.xTrain, (done) => onRows(done, total))
      : predictLogits(teacher, this.xTrain);
    const test = onRows
      ? await predictLogitsAwaited(teacher, this.xTest, (done) => onRows(train + done, total))
      : predictLogits(teacher, this.xTest);
    const finite = tf.tidy(() => tf.all(tf.isFinite(tf.concat([soft, test], 0))));
    const ok = (await finite.data())[0] === 1;
    finite.dispose();
    if (!ok) {
      tf.dispose([soft, test]);
      throw new Error(
        'The teacher gives non-finite logits (NaN or ∞) on some rows of this dataset; no soft targets can be formed from them.',
      );
    }
    this.softTargets = soft;
    this.teacherTestPredictions = tf.tidy(() => tf.argMax(test, 1));
    test.dispose();
  }

  /** The finished teacher's top-1 class of every test row, read back; null before. */
  async teacherPredictions(): Promise<Int32Array | null> {
    return this.teacherTestPredictions
      ? ((await this.teacherTestPredictions.data()) as Int32Array)
      : null;
  }

  get hasSoftTargets(): boolean {
    return this.softTargets !== null;
  }

  /** The cached soft targets: teacher logits of every training row, once the teacher is done. */
  get teacherLogits(): tf.Tensor2D | null {
    return this.softTargets;
  }

  /**
   * The device tensors of the data, for code that runs beside the experiment; `labelMask` only
   * when the distilled student uses the transfer set.
   */
  get tensors(): {
    xTrain: tf.Tensor2D;
    yTrain: tf.Tensor1D;
    xTest: tf.Tensor2D;
    labelMask?: tf.Tensor1D;
  } {
    const { xTrain, yTrain, xTest } = this;
    return this.usesTransferSet
      ? { xTrain, yTrain, xTest, labelMask: this.labelMask }
      : { xTrain, yTrain, xTest };
  }

  /** One step of each student: the distilled one at `hyper`, the scratch one at alpha = 0. */
  studentStep(step: number, hyper: Hyper): { distilled: StepMetrics; scratch: StepMetrics } {
    return { distilled: this.distilledStep(step, hyper), scratch: this.scratchStep(step) };
  }

  /**
   * A student with the initial weights the distilled and scratch students started from, for runs
   * beside the experiment (the sweep). The caller disposes it.
   */
  newStudent(learningRate: number): ModelTrainer {
    return new ModelTrainer(createNetwork(this.studentSpec), learningRate);
  }

  /**
   * A distilled-student step, learning from the cached soft targets (never the teacher); `student`
   * defaults to the experiment's own.
   */
  distilledStep(step: number, hyper: Hyper, student: ModelTrainer = this.distilled): StepMetrics {
    const softTargets = this.teacherLogits;
    if (!softTargets) throw new Error('Train the teacher before the students.');
    return this.withBatch(this.distilledPlan.batch(step), (x, labels, idx) => {
      const teacherLogits = tf.gather(softTargets, idx);
      const mask = this.tensors.labelMask;
      const labelMask = mask ? tf.gather(mask, idx) : undefined;
      return student.step(
        x,
        labels,
        (logits) => distillationLoss(logits, teacherLogits, labels, { ...hyper, labelMask }),
        this.studentDropoutSeed(step),
      );
    });
  }

  scratchStep(step: number): StepMetrics {
    return this.withBatch(this.scratchPlan.batch(step), (x, labels) =>
      this.scratch.step(
        x,
        labels,
        (logits) => hardTerm(logits, labels),
        this.studentDropoutSeed(step),
      ),
    );
  }

  /** Both students draw the same masks at a step, so dropout is no difference between them. */
  private studentDropoutSeed(step: number): number {
    return deriveSeed(this.config.seed, `student-dropout:${step}`);
  }

  /** Test accuracy, and agreement with the teacher's test predictions once they exist. */
  async evaluate(model: Predictor): Promise<Evaluation> {
    const reference = model === this.teacherPredictor ? null : this.teacherTestPredictions;
    const [correct, agree] = tf.tidy(() => {
      const predictions = tf.argMax(predictLogits(model, this.xTest), 1);
      const count = (other: tf.Tensor1D) =>
        tf.sum(tf.cast(tf.equal(predictions, other), 'float32'));
      return reference ? [count(this.yTest), count(reference)] : [count(this.yTest)];
    });
    try {
      const n = this.dataset.yTest.length;
      const accuracy = ((await correct.data())[0] as number) / n;
      if (!agree) return { accuracy };
      return { accuracy, agreement: ((await agree.data())[0] as number) / n };
    } finally {
      correct.dispose();
      agree?.dispose();
    }
  }

  /** Row-by-row comparison of the two students on the test set; read back once, at a run's end. */
  compareStudents(): Promise<StudentPairs> {
    return this.compareOnTest(this.distilled.model, this.scratch.model);
  }

  /**
   * Two models compared on each test row: where each is right, and — once the teacher has
   * predictions — where each matches it.
   */
  async compareOnTest(first: Predictor, second: Predictor): Promise<StudentPairs> {
    const [a, b, teacher] = await Promise.all([
      this.testPredictions(first),
      this.testPredictions(second),
      this.teacherTestPredictions?.data(),
    ]);
    const hits = (predicted: ArrayLike<number>, truth: ArrayLike<number>) =>
      Uint8Array.from(predicted, (p, i) => (p === truth[i] ? 1 : 0));
    const labels = this.dataset.yTest;
    const accuracy = countPaired(hits(a, labels), hits(b, labels));
    if (!teacher) return { accuracy };
    return { accuracy, agreement: countPaired(hits(a, teacher), hits(b, teacher)) };
  }

  private async testPredictions(model: Predictor): Promise<Int32Array> {
    const predictions = tf.tidy(() => tf.argMax(predictLogits(model, this.xTest), 1));
    try {
      return (await predictions.data()) as Int32Array;
    } finally {
      predictions.dispose();
    }
  }

  /** Class probabilities of `model` for one input row (the drawing pad's digit). */
  async probabilities(model: Predictor, row: Float32Array): Promise<Float32Array> {
    const features = this.dataset.features;
    if (row.length !== features) {
      throw new Error(`Expected ${features} features, got ${row.length}.`);
    }
    const p = tf.tidy(() => tf.softmax(predictorLogits(model, tf.tensor2d(row, [1, features]))));
    try {
      return (await p.data()) as Float32Array;
    } finally {
      p.dispose();
    }
  }

  /** Logits of every test row, row-major [rows × classes]. */
  async testLogits(model: Predictor): Promise<Float32Array> {
    const logits = predictLogits(model, this.xTest);
    try {
      return (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.labelMask]);
    this.softTargets?.dispose();
    this.teacherTestPredictions?.dispose();
    this.teacher.dispose();
    this.ready?.dispose();
    this.distilled.dispose();
    this.scratch.dispose();
  }

  private withBatch<T extends tf.TensorContainer>(
    rows: Int32Array,
    run: (x: tf.Tensor2D, labels: tf.Tensor1D, idx: tf.Tensor1D) => T,
  ): T {
    return tf.tidy(() => {
      const idx = tf.tensor1d(rows, 'int32');
      return run(tf.gather(this.xTrain, idx), tf.gather(this.yTrain, idx), idx);
    });
  }
}

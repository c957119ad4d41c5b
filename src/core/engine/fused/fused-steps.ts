import { type MethodParam, paramAt, warmupFactor } from '../../methods';
import { deriveSeed } from '../../rng';
import type { StepSettings } from '../../schedule';
import { architectureKey } from '../../students';
import { MAX_GROUP } from './wgsl-common';
import type { Experiment, ModelRef, StudentModel } from '../experiment';
import type { Evaluation } from '../test-set';
import { type RowsDone, outputsOf } from '../teacher-outputs';
import type { FusedData, FusedStep } from './fused-inputs';
import type { StepEngine } from './step-engine';
import { CpuEngine } from '../cpu/cpu-engine';
import { type MetricSource, type TrainingSteps, TfjsSteps } from '../training-steps';
import { FusedMetrics } from './fused-metrics';
import { FusedEngine } from './fused-engine';
import type { VariantChoice } from './matmul-shapes';
import { hintWidth } from './fused-shapes';
import { packNetwork, teacherHiddenRows, unpackInto } from './tfjs-bridge';
import { inputShape } from '../../config';

/** A hint student's regressor as variables, in the order the fused layout keeps them. */
const regressorOf = (student: StudentModel) =>
  student.regressor ? [student.regressor.weight, student.regressor.bias] : [];

/** A student's step settings as the fused loss takes them, by its method. */
function methodStep(
  student: StudentModel,
  at: StepSettings,
  epoch: number,
): Pick<FusedStep, 'temperature' | 'alpha' | 'learningRate' | 'method'> {
  const { spec } = student;
  const param = (p: MethodParam) => paramAt(spec, p, at) ?? 0;
  switch (spec.kind) {
    case 'kd':
      return at;
    case 'dkd': {
      const warm = warmupFactor(param('warmup'), epoch);
      return { ...at, method: { kind: 'dkd', beta: param('beta'), ce: param('ce'), warm } };
    }
    // Scratch is the loss at α = 0 (the hard term alone); label smoothing smooths its targets.
    case 'scratch':
      return { ...at, temperature: 1, alpha: 0 };
    case 'ls':
      return { ...at, temperature: 1, alpha: 0, method: { kind: 'ls', epsilon: param('epsilon') } };
    case 'hint':
      return { ...at, method: { kind: 'hint', gamma: param('gamma') } };
  }
}

/**
 * The students of `exp` grouped by network (layers equal; hint students, whose regressor
 * extends the network, apart), each group in list order, at most MAX_GROUP students a group.
 */
function shapeGroups(exp: Experiment): number[][] {
  const byShape = new Map<string, number[]>();
  for (const [i, student] of exp.students.entries()) {
    const key = `${architectureKey(student.hidden)}${student.regressor ? ' hint' : ''}`;
    const group = byShape.get(key) ?? [];
    group.push(i);
    byShape.set(key, group);
  }
  return [...byShape.values()].flatMap((members) => {
    const chunks: number[][] = [];
    for (let i = 0; i < members.length; i += MAX_GROUP)
      chunks.push(members.slice(i, i + MAX_GROUP));
    return chunks;
  });
}

/** The fused engines' inputs: the run's data, its label mask, its image side. */
function fusedData(exp: Experiment): { data: FusedData; config: Experiment['config'] } {
  const { dataset, config } = exp;
  const labelMask = new Float32Array(dataset.yTrain.length);
  for (const r of exp.labeledRows) labelMask[r] = 1;
  const { imageSide } = inputShape(config);
  const data = { ...dataset, labelMask, ...(imageSide === undefined ? {} : { imageSide }) };
  return { data, config };
}

/** The fused engine's name of a model. */
const fusedName = (model: ModelRef): string => (model === 'teacher' ? model : `student ${model}`);

/**
 * The experiment's steps on a fused engine: the WGSL kernels on tfjs's own WebGPU device (so a lost
 * device is one event for both), or the fused CPU engine's WebAssembly. The tfjs models stay the record: they take the trained weights at every
 * `sync` (checkpoints, boundary maps, the end). The finished teacher's soft targets, test
 * predictions and hint targets come from these kernels when the teacher trained on them, else
 * from tfjs (an imported or reused teacher).
 */
export class FusedSteps implements TrainingSteps {
  readonly engine = 'fused';
  private readonly teacherSums: FusedMetrics;
  private readonly studentSums: FusedMetrics[];
  /** The students of each network, by index: each group trains in the same dispatches. */
  private readonly groups: readonly number[][];
  /** An imported teacher is not trained here: tfjs evaluates it. */
  private readonly tfjsTeacher: TfjsSteps | null;
  /** The fused teacher has taken a step, so its weights are newer than the tfjs model's. */
  private teacherTrained = false;
  /** Models whose test logits the experiment measures from these kernels (`settle`). */
  private readonly settled = new Set<ModelRef>();

  private constructor(
    private readonly exp: Experiment,
    private readonly kernels: StepEngine,
    fusedTeacher: boolean,
  ) {
    this.groups = shapeGroups(exp);
    this.teacherSums = new FusedMetrics(kernels, fusedName('teacher'));
    this.studentSums = exp.students.map((_, i) => new FusedMetrics(kernels, fusedName(i)));
    this.tfjsTeacher = fusedTeacher ? null : new TfjsSteps(exp);
  }

  /**
   * The fused steps of `exp` on `device`, its models uploaded as they are now, each matmul cut as
   * `choose` says (the tuner's choice; the default variant without).
   */
  static create(exp: Experiment, device: GPUDevice, choose?: VariantChoice): Promise<FusedSteps> {
    const { data, config } = fusedData(exp);
    return FusedSteps.build(exp, new FusedEngine(device, data, config.batchSize, { choose }));
  }

  /** The fused steps of `exp` on the fused CPU engine (WebAssembly). */
  static async onCpu(exp: Experiment): Promise<FusedSteps> {
    const { data, config } = fusedData(exp);
    return FusedSteps.build(exp, await CpuEngine.start(data, config.batchSize));
  }

  private static async build(exp: Experiment, engine: StepEngine): Promise<FusedSteps> {
    // A ready (imported) teacher is never trained: only its soft targets come to the engine.
    const teacher = exp.ready ? null : exp.config.teacherHidden;
    try {
      for (const members of shapeGroups(exp)) {
        const first = exp.studentAt(members[0] ?? 0);
        const layers = first.hidden;
        const initial = [];
        for (const i of members) {
          const student = exp.studentAt(i);
          initial.push(await packNetwork(student.trainer.model, regressorOf(student)));
        }
        await engine.addGroup(members.map(fusedName), layers, initial, hintWidth(first));
      }
      if (teacher) await engine.addModel('teacher', teacher, await packNetwork(exp.teacher.model));
    } catch (e) {
      engine.destroy();
      throw e;
    }
    return new FusedSteps(exp, engine, teacher !== null);
  }

  /** The fused CPU engine's threads; undefined on the GPU. */
  get threads(): number | undefined {
    return this.kernels.threads;
  }

  ready(): Promise<void> {
    return this.kernels.ready();
  }

  teacherStep(step: number, learningRate: number): void {
    if (this.tfjsTeacher) {
      this.tfjsTeacher.teacherStep(step, learningRate);
      return;
    }
    const rows = this.exp.teacherPlan.batch(step);
    this.kernels.step('teacher', {
      rows,
      temperature: 1,
      alpha: 0,
      learningRate,
      dropoutSeed: deriveSeed(this.exp.config.seed, `dropout:${step}`),
      masked: false,
    });
    this.teacherSums.count(rows.length);
    this.teacherTrained = true;
    this.unsettle('teacher');
  }

  studentStep(step: number, settings: readonly StepSettings[]): void {
    const { exp } = this;
    // Every student draws the same masks at a step, as on the tfjs engine.
    const dropoutSeed = deriveSeed(exp.config.seed, `student-dropout:${step}`);
    // The students of one network train in the same dispatches, each at its own settings.
    for (const members of this.groups) {
      const steps = members.map((i) => {
        const student = exp.studentAt(i);
        const at = settings[i];
        if (!at) throw new Error(`No settings for student ${i} at step ${step}.`);
        const rows = student.plan.batch(step);
        this.studentSums[i]?.count(rows.length);
        this.unsettle(i);
        const method = methodStep(student, at, Math.floor(step / exp.studentStepsPerEpoch));
        return { rows, ...method, dropoutSeed, masked: student.masked };
      });
      this.kernels.stepMembers(members.map(fusedName), steps);
    }
  }

  metrics(model: ModelRef): MetricSource {
    if (model === 'teacher' && this.tfjsTeacher) return this.tfjsTeacher.metrics(model);
    const sums = model === 'teacher' ? this.teacherSums : this.studentSums[model];
    if (!sums) throw new Error(`The run has no student ${model}.`);
    return sums;
  }

  async evaluate(model: ModelRef): Promise<Evaluation> {
    if (model === 'teacher' && this.tfjsTeacher) return this.tfjsTeacher.evaluate(model);
    const n = this.exp.dataset.yTest.length;
    const { correct, agree } = await this.kernels.evaluate(fusedName(model), model !== 'teacher');
    return agree === undefined
      ? { accuracy: correct / n }
      : { accuracy: correct / n, agreement: agree / n };
  }

  async finishTeacher(onRows?: RowsDone): Promise<void> {
    await this.sync(['teacher']);
    // A teacher trained on these kernels runs every row on them too: on tfjs, a conv teacher's
    // rows took minutes on a software GPU after a phase of seconds here.
    const fused = this.teacherTrained;
    const { classes, yTrain, yTest } = this.exp.dataset;
    const got: { soft?: Float32Array; test?: Float32Array } = {};
    const outputs = async () => {
      got.soft = await this.kernels.outputs('teacher', 'rows', 'logits');
      got.test = await this.kernels.outputs('teacher', 'test', 'logits');
      await onRows?.(yTrain.length + yTest.length, yTrain.length + yTest.length);
      return outputsOf(got.soft, got.test, classes);
    };
    await this.exp.finishTeacher(onRows, fused ? outputs : undefined);
    if (got.test) {
      // Its weights are final: its test measures read these logits too (`settle`).
      this.exp.test.know(this.exp.predictorOf('teacher'), got.test);
      this.settled.add('teacher');
    }
    const logits = this.exp.teacherOutputs?.soft;
    if (!logits) throw new Error('The teacher has no soft targets.');
    const predictions = await this.exp.teacherPredictions();
    const soft = got.soft ?? ((await logits.data()) as Float32Array);
    this.kernels.setTeacher(soft, predictions ?? undefined);
    if (this.exp.students.some((s) => s.regressor)) {
      const { xTrain } = this.exp.tensors;
      this.kernels.setTeacherHidden(
        fused
          ? await this.kernels.outputs('teacher', 'rows', 'hidden')
          : await teacherHiddenRows(this.exp.teacher.model, xTrain),
      );
    }
  }

  async sync(models: readonly ModelRef[]): Promise<void> {
    for (const model of models) {
      if (model === 'teacher' && (this.tfjsTeacher || !this.teacherTrained)) continue;
      const params = await this.kernels.readParams(fusedName(model));
      if (model === 'teacher') unpackInto(this.exp.teacher.model, params);
      else {
        const student = this.exp.studentAt(model);
        unpackInto(student.trainer.model, params, regressorOf(student));
      }
    }
  }

  /**
   * The models' test logits from these kernels, one forward pass and one read each, for the
   * experiment's measures; an imported or reused teacher, never trained here, stays on tfjs.
   */
  async settle(models: readonly ModelRef[]): Promise<void> {
    for (const model of models) {
      if (this.settled.has(model)) continue;
      if (model === 'teacher' && (this.tfjsTeacher || !this.teacherTrained)) continue;
      const logits = await this.kernels.outputs(fusedName(model), 'test', 'logits');
      this.exp.test.know(this.exp.predictorOf(model), logits);
      this.settled.add(model);
    }
  }

  dispose(): void {
    this.tfjsTeacher?.dispose();
    this.kernels.destroy();
  }

  /** A settled model trains again: its test logits are stale. */
  private unsettle(model: ModelRef): void {
    if (!this.settled.delete(model)) return;
    this.exp.test.forget(this.exp.predictorOf(model));
  }
}

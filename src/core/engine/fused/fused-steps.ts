import { deriveSeed } from '../../rng';
import type { ModelRole } from '../../roles';
import type { Evaluation, Experiment, Hyper, RowsDone } from '../experiment';
import { type MetricSource, type TrainingSteps, TfjsSteps } from '../training-steps';
import { FusedEngine } from './fused-engine';
import { denseLayers, packNetwork, unpackInto } from './tfjs-bridge';

/**
 * Why the fused path cannot train this experiment's students, or null when it can: it trains
 * dense networks only. A conv teacher is fine: it trains on tfjs, the students on the fused path.
 */
export function fusedProblem(exp: Experiment): string | null {
  if (!denseLayers(exp.config.studentHidden)) {
    return 'the student has conv blocks, which only the tfjs engine trains';
  }
  return null;
}

/**
 * The experiment's steps on the fused WebGPU kernels, on `device` (tfjs's own, so a lost device
 * is one event for both). The tfjs models stay the record: they take the trained weights at every
 * `sync` (checkpoints, boundary maps, the end), and the finished teacher's soft targets and test
 * predictions come from them, whatever the teacher is (trained here, reused, imported, conv).
 */
export class FusedSteps implements TrainingSteps {
  readonly engine = 'fused';
  private readonly sums: Record<ModelRole, FusedMetrics>;
  /** A conv teacher trains on tfjs. */
  private readonly tfjsTeacher: TfjsSteps | null;
  /** The fused teacher has taken a step, so its weights are newer than the tfjs model's. */
  private teacherTrained = false;

  private constructor(
    private readonly exp: Experiment,
    private readonly gpu: FusedEngine,
    fusedTeacher: boolean,
  ) {
    this.sums = {
      teacher: new FusedMetrics(gpu, 'teacher'),
      distilled: new FusedMetrics(gpu, 'distilled'),
      scratch: new FusedMetrics(gpu, 'scratch'),
    };
    this.tfjsTeacher = fusedTeacher ? null : new TfjsSteps(exp);
  }

  /** The fused steps of `exp`, its models uploaded as they are now; `fusedProblem` must be null. */
  static async create(exp: Experiment, device: GPUDevice): Promise<FusedSteps> {
    const { dataset, config } = exp;
    const labelMask = new Float32Array(dataset.yTrain.length);
    for (const r of exp.labeledRows) labelMask[r] = 1;
    const gpu = new FusedEngine(device, { ...dataset, labelMask }, config.batchSize);
    const students = denseLayers(config.studentHidden);
    // A ready (imported) teacher is never trained: only its soft targets come to the GPU.
    const teacher = exp.ready ? null : denseLayers(config.teacherHidden);
    if (!students) throw new Error(fusedProblem(exp) ?? 'no dense student');
    try {
      await gpu.addModel('distilled', students, await packNetwork(exp.distilled.model));
      await gpu.addModel('scratch', students, await packNetwork(exp.scratch.model));
      if (teacher) await gpu.addModel('teacher', teacher, await packNetwork(exp.teacher.model));
    } catch (e) {
      gpu.destroy();
      throw e;
    }
    return new FusedSteps(exp, gpu, teacher !== null);
  }

  teacherStep(step: number): void {
    if (this.tfjsTeacher) {
      this.tfjsTeacher.teacherStep(step);
      return;
    }
    const rows = this.exp.teacherPlan.batch(step);
    this.gpu.step('teacher', {
      rows,
      temperature: 1,
      alpha: 0,
      learningRate: this.exp.teacher.learningRate,
      dropoutSeed: deriveSeed(this.exp.config.seed, `dropout:${step}`),
      masked: false,
    });
    this.sums.teacher.count(rows.length);
    this.teacherTrained = true;
  }

  studentStep(step: number, hyper: Hyper): void {
    const { exp } = this;
    // Both students draw the same masks at a step, as on the tfjs engine.
    const dropoutSeed = deriveSeed(exp.config.seed, `student-dropout:${step}`);
    const distilled = exp.distilledPlan.batch(step);
    this.gpu.step('distilled', {
      rows: distilled,
      ...hyper,
      learningRate: exp.distilled.learningRate,
      dropoutSeed,
      masked: exp.usesTransferSet,
    });
    this.sums.distilled.count(distilled.length);
    const scratch = exp.scratchPlan.batch(step);
    this.gpu.step('scratch', {
      rows: scratch,
      temperature: 1,
      alpha: 0,
      learningRate: exp.scratch.learningRate,
      dropoutSeed,
      masked: false,
    });
    this.sums.scratch.count(scratch.length);
  }

  metrics(role: ModelRole): MetricSource {
    if (role === 'teacher' && this.tfjsTeacher) return this.tfjsTeacher.metrics(role);
    return this.sums[role];
  }

  async evaluate(role: ModelRole): Promise<Evaluation> {
    if (role === 'teacher' && this.tfjsTeacher) return this.tfjsTeacher.evaluate(role);
    const n = this.exp.dataset.yTest.length;
    const { correct, agree } = await this.gpu.evaluate(role, role !== 'teacher');
    return agree === undefined
      ? { accuracy: correct / n }
      : { accuracy: correct / n, agreement: agree / n };
  }

  async finishTeacher(onRows?: RowsDone): Promise<void> {
    await this.sync(['teacher']);
    await this.exp.finishTeacher(onRows);
    const logits = this.exp.teacherLogits;
    if (!logits) throw new Error('The teacher has no soft targets.');
    const predictions = await this.exp.teacherPredictions();
    this.gpu.setTeacher((await logits.data()) as Float32Array, predictions ?? undefined);
  }

  async sync(roles: readonly ModelRole[]): Promise<void> {
    for (const role of roles) {
      if (role === 'teacher' && (this.tfjsTeacher || !this.teacherTrained)) continue;
      unpackInto(this.exp[role].model, await this.gpu.readParams(role));
    }
  }

  dispose(): void {
    this.tfjsTeacher?.dispose();
    this.gpu.destroy();
  }
}

/** A fused model's metric sums: on the GPU; the step and row counts here. */
class FusedMetrics implements MetricSource {
  private steps = 0;
  private rows = 0;

  constructor(
    private readonly gpu: FusedEngine,
    private readonly name: string,
  ) {}

  count(rows: number): void {
    this.steps += 1;
    this.rows += rows;
  }

  get pendingSteps(): number {
    return this.steps;
  }

  async take(): Promise<{ loss: number; accuracy: number } | null> {
    const { steps, rows } = this;
    if (steps === 0) return null;
    this.steps = this.rows = 0;
    const { loss, correct } = await this.gpu.takeMetrics(this.name);
    return { loss: loss / steps, accuracy: correct / rows };
  }

  /** Forgets what was not read: the sums are taken and dropped. */
  dispose(): void {
    if (this.steps === 0) return;
    this.steps = this.rows = 0;
    this.gpu.takeMetrics(this.name).catch(() => undefined);
  }
}

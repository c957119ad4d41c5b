/**
 * The fused WebGPU training path: a run's data and models live in GPU buffers from the first step;
 * a step is a few fused dispatches per model (fused-model.ts); many steps go into one command
 * buffer and one submit; metric sums stay on the GPU and are read back asynchronously.
 */
import { type Layer, hasConv } from '../../layers';
import { FusedModel, type Source, type SourceName } from './fused-model';
import { type NetworkLayout, networkLayout } from './layout';
import { dataBuffers } from './data-buffers';
import { HintTargets } from './hint-targets';
import { ErrorWatch, groupNeeds, limitProblem } from './limits';
import { StepRecords, StagingPool } from './step-records';
import { CONV_EVAL_CHUNK, EVAL_CHUNK, SLOTS } from './engine-constants';
import { type OutputKind, buildGroup, encodeEvaluation, modelOutputs } from './engine-parts';
import { StepRecorder } from './step-recorder';
import { type DispatchTime, type TimingMethod, timeDispatches } from './step-timing';
import type { EngineOptions, FusedData, FusedStep } from './fused-inputs';
import type { StepEngine } from './step-engine';

export type { EngineOptions, FusedData, FusedStep };
export { CONV_EVAL_CHUNK, EVAL_CHUNK, SLOTS };

/** Where a named model lives: its group, and its place in it. */
type Member = { group: FusedModel; index: number };

export class FusedEngine implements StepEngine {
  private readonly members = new Map<string, Member>();
  private readonly groups = new Set<FusedModel>();
  /** The training steps recorded and not yet submitted (`step-recorder.ts`). */
  private readonly recorder: StepRecorder;
  private readonly records: StepRecords;
  private readonly iota: GPUBuffer;
  private readonly soft: GPUBuffer;
  private readonly teacherPreds: GPUBuffer;
  private sources: Record<SourceName, Source>;
  /** The frozen teacher's last hidden layer on every training row (`HintTargets`). */
  private readonly hintTargets: HintTargets;
  private readonly own: GPUBuffer[];
  private hasTeacherPreds = false;
  /** Read-back buffers, reused (`StagingPool`). */
  readonly staging: StagingPool;
  /** Errors the device reports outside error scopes while this engine runs (`ErrorWatch`). */
  private readonly errors: ErrorWatch;

  constructor(
    readonly device: GPUDevice,
    private readonly data: FusedData,
    private readonly batchSize: number,
    private readonly options: EngineOptions = {},
  ) {
    const buffers = dataBuffers(device, data, SLOTS * batchSize);
    ({ iota: this.iota, soft: this.soft, teacherPreds: this.teacherPreds } = buffers);
    const { batchIdx } = buffers;
    this.records = new StepRecords(device, SLOTS);
    this.staging = new StagingPool(device);
    this.recorder = new StepRecorder(
      device,
      this.records,
      batchIdx,
      batchSize,
      () => this.sources.train,
    );
    this.errors = new ErrorWatch(device);
    this.hintTargets = new HintTargets(device, data.yTrain.length);
    const common = { 0: this.records.buffer, 8: this.soft, 12: this.teacherPreds };
    const { xTrain, yTrain, xTest, yTest, labelMask } = buffers;
    this.sources = {
      train: { ...common, 1: xTrain, 2: batchIdx, 6: yTrain, 7: labelMask },
      test: { ...common, 1: xTest, 2: this.iota, 6: yTest, 7: labelMask },
      rows: { ...common, 1: xTrain, 2: this.iota, 6: yTrain, 7: labelMask },
    };
    this.own = [xTrain, yTrain, xTest, yTest, labelMask, this.iota, this.soft, this.teacherPreds];
    this.own.push(batchIdx, this.records.buffer);
  }

  /**
   * Adds a dense network with its initial parameters (fused-model.ts's flat layout); rejects
   * with the device's words when a kernel does not compile or a buffer cannot be made.
   */
  async addModel(name: string, hidden: readonly Layer[], initial: Float32Array): Promise<void> {
    await this.addGroup([name], hidden, [initial]);
  }

  /**
   * Adds networks of one shape as a group trained in the same dispatches (`stepGroup`), each
   * under its own name, with its initial parameters. With `hintWidth` (the teacher's last hidden
   * width), they are hint students: each one's initial parameters end with its regressor's W and b
   * (layout.ts), and `setTeacherHidden` must give the teacher's side before they train.
   */
  async addGroup(
    names: readonly string[],
    hidden: readonly Layer[],
    initial: readonly Float32Array[],
    hintWidth?: number,
  ): Promise<void> {
    const rows = Math.max(this.batchSize, hasConv(hidden) ? CONV_EVAL_CHUNK : EVAL_CHUNK);
    const { features, imageSide, classes } = this.data;
    const input = { features, ...(imageSide === undefined ? {} : { imageSide }) };
    const label = names.join(', ');
    const layout = networkLayout(input, hidden, classes, rows, hintWidth);
    const needs = groupNeeds(label, layout, names.length);
    if (hintWidth !== undefined) {
      const bytes = this.hintTargets.bytes(hintWidth);
      needs.push({ what: "the teacher's hidden layer on every training row", bytes });
    }
    const problem = limitProblem(this.device.limits, needs);
    if (problem) throw new Error(problem);
    const targets = hintWidth === undefined ? null : this.hintTargets.ensure(hintWidth);
    if (targets) {
      this.sources = {
        train: { ...this.sources.train, 13: targets },
        test: { ...this.sources.test, 13: targets },
        rows: { ...this.sources.rows, 13: targets },
      };
    }
    for (const name of names) this.members.get(name)?.group.destroy();
    const group = await buildGroup(this.device, {
      label,
      input,
      hidden,
      classes,
      rows,
      initial,
      epsilon: this.options.epsilon ?? 1e-7,
      batchSize: this.batchSize,
      choose: this.options.choose,
      tamper: this.options.tamper,
      hintWidth,
    });
    this.groups.add(group);
    names.forEach((name, index) => this.members.set(name, { group, index }));
  }

  /** The frozen teacher's last hidden layer on every training row, for the hint students. */
  setTeacherHidden(values: Float32Array): void {
    this.hintTargets.set(values);
  }

  /** The group a named model trains in, and its place there (tests read its buffers). */
  model(name: string): Member {
    const m = this.members.get(name);
    if (!m) throw new Error(`No fused model named ${name}.`);
    return m;
  }

  /** Records one training step of `name`, a model alone in its group; it runs at the next submit. */
  step(name: string, step: FusedStep): void {
    const { group } = this.model(name);
    this.recorder.record(group, [step]);
  }

  /**
   * Records one training step of every model of `name`'s group, `steps[i]` for its i-th model (the
   * names in the order `addGroup` took them), in the same dispatches; it runs at the next submit.
   */
  stepMembers(names: readonly string[], steps: readonly FusedStep[]): void {
    const first = names[0];
    if (first === undefined) return;
    const { group } = this.model(first);
    if (names.length !== group.count || names.some((n, i) => this.model(n).index !== i)) {
      throw new Error(`${names.join(', ')} are not one whole group in its order.`);
    }
    this.recorder.record(group, steps);
  }

  /** Resolves once the device has room for more steps (`StepRecorder.ready`). */
  ready(): Promise<void> {
    return this.recorder.ready();
  }

  /** Submits every recorded step, then `extra`'s commands, in one submit. */
  submit(extra?: (encoder: GPUCommandEncoder) => void): void {
    this.recorder.submit(extra);
  }

  /**
   * Each dispatch of one training step of `name`'s group, timed (`step-timing.ts`: by the GPU's
   * timestamps where the device has them, else each dispatch alone): `step` recorded for every
   * model of the group, then its dispatches run `reps` times, the fastest kept. Trains the models
   * on: a bench's tool, not a run's.
   */
  async timeStep(
    name: string,
    step: FusedStep,
    reps: number,
    now: () => number,
    method?: TimingMethod,
  ): Promise<{ method: TimingMethod; times: DispatchTime[] }> {
    const { plan, encode } = this.recorder.alone(this.model(name).group, step);
    const timed = await timeDispatches(this.device, plan, encode, reps, now, method);
    this.errors.check();
    return timed;
  }

  /**
   * The loss and correct-row sums of `name`'s steps since the last read, and starts afresh; the
   * read is asynchronous and submits whatever is recorded first.
   */
  async takeMetrics(name: string): Promise<{ loss: number; correct: number }> {
    const { group, index } = this.model(name);
    const staging = this.staging.take(8);
    this.submit((encoder) => {
      encoder.copyBufferToBuffer(group.metrics, index * 8, staging, 0, 8);
      encoder.clearBuffer(group.metrics, index * 8, 8);
    });
    const [loss, correct] = new Float32Array(await this.checked(this.staging.read(staging)));
    return { loss: loss ?? Number.NaN, correct: correct ?? 0 };
  }

  /**
   * Test rows `name` gets right and, with `withTeacher` once the teacher's predictions are set,
   * rows where it agrees with them: the test rows in chunks of EVAL_CHUNK through the same forward
   * kernels, counted on the GPU, one submit and one read.
   */
  async evaluate(name: string, withTeacher: boolean): Promise<{ correct: number; agree?: number }> {
    this.submit();
    const { group: model, index } = this.model(name);
    const n = this.data.yTest.length;
    const agree = withTeacher && this.hasTeacherPreds;
    const staging = this.staging.take(8);
    encodeEvaluation(
      this.device,
      this.records,
      { model, index, source: this.sources.test },
      { rows: n, agree, staging },
    );
    const counts = new Uint32Array(await this.checked(this.staging.read(staging)));
    return agree ? { correct: counts[0] ?? 0, agree: counts[1] ?? 0 } : { correct: counts[0] ?? 0 };
  }

  /** `name`'s logits or last hidden layer on every training (`rows`) or test row (engine-parts.ts). */
  async outputs(name: string, split: 'rows' | 'test', what: OutputKind): Promise<Float32Array> {
    this.submit();
    const { group: model, index } = this.model(name);
    const rows = split === 'rows' ? this.data.yTrain.length : this.data.yTest.length;
    const target = { model, index, name: split, source: this.sources[split] };
    const read = (buffer: GPUBuffer, bytes: number) => this.read(buffer, bytes);
    return modelOutputs(this.device, this.records, target, { rows, what, read });
  }

  /**
   * The finished teacher's logits of every training row (the soft targets, formed at the current
   * T inside the loss kernel) and its top-1 class of every test row (for agreement).
   */
  setTeacher(logits: Float32Array, testPredictions?: Int32Array): void {
    this.device.queue.writeBuffer(this.soft, 0, logits);
    if (testPredictions) {
      this.device.queue.writeBuffer(this.teacherPreds, 0, Uint32Array.from(testPredictions));
      this.hasTeacherPreds = true;
    }
  }

  /** `bytes` of any buffer from byte `offset` on, read back after everything recorded has run. */
  async read(buffer: GPUBuffer, bytes: number, offset = 0): Promise<ArrayBuffer> {
    const staging = this.staging.take(bytes);
    this.submit((encoder) => {
      encoder.copyBufferToBuffer(buffer, offset, staging, 0, bytes);
    });
    return this.checked(this.staging.read(staging));
  }

  /** `read`'s bytes, unless the device reported an error since the engine was built. */
  private async checked(read: Promise<ArrayBuffer>): Promise<ArrayBuffer> {
    const bytes = await read;
    this.errors.check();
    return bytes;
  }

  /** A model's current parameters, read back (at checkpoints and at a run's end). */
  async readParams(name: string): Promise<Float32Array> {
    const { group, index } = this.model(name);
    const bytes = group.layout.parameters * 4;
    return new Float32Array(await this.read(group.params, bytes, index * bytes));
  }

  async snapshot(
    name: string,
  ): Promise<{ layout: NetworkLayout; acts: Float32Array; grads: Float32Array }> {
    const { group, index } = this.model(name);
    const { layout } = group;
    const [actBytes, gradBytes] = [layout.activationFloats * 4, layout.parameters * 4];
    return {
      layout,
      acts: new Float32Array(await this.read(group.acts, actBytes, index * actBytes)),
      grads: new Float32Array(await this.read(group.grads, gradBytes, index * gradBytes)),
    };
  }

  destroy(): void {
    this.recorder.forget();
    for (const g of this.groups) g.destroy();
    this.groups.clear();
    this.members.clear();
    for (const b of this.own) b.destroy();
    this.hintTargets.destroy();
    this.staging.destroy();
    this.errors.dispose();
  }
}

/**
 * The fused CPU engine: the fused WGSL engine's step plan (step-plan.ts) as WebAssembly with SIMD
 * (wasm/*.ts), a run's data and models in one memory from the first step, one call into the
 * module per model and step. It serves FusedSteps (fused/fused-steps.ts) as the GPU engine does:
 * same groups, same records, same metric sums, the same dropout masks; its numbers are on the
 * host, so every read is immediate.
 */
import type { Layer } from '../../layers';
import { MODE_AGREE, MODE_DROPOUT, MODE_MASK } from '../fused/engine-constants';
import { MAX_GROUP } from '../fused/wgsl-common';
import type { FusedData, FusedStep } from '../fused/fused-inputs';
import type { OutputKind } from '../fused/engine-parts';
import { type NetworkLayout, networkLayout } from '../fused/layout';
import type { StepEngine } from '../fused/step-engine';
import { CpuMemory } from './cpu-module';
import { cpuThreads } from './threads';
import { CpuPool } from './cpu-pool';
import { type RecordFields, writeRecord } from './cpu-record';
import type { SharedPointers } from './step-plan';
import { type CpuModel, type Plan, buildModel } from './cpu-model';

/** Rows an evaluation or output pass takes at once (the activations hold this many). */
export const CPU_CHUNK = 256;

export class CpuEngine implements StepEngine {
  private readonly cpu: CpuMemory;
  /** The pool sharing the engine's memory; null on one thread. */
  private pool: CpuPool | null = null;
  private readonly models = new Map<string, CpuModel>();
  private readonly shared: SharedPointers;
  private readonly xTest: number;
  private readonly iota: number;
  private readonly preds: number;
  /** The record of evaluation and output passes (a training step writes its model's own). */
  private readonly record: number;
  /** A members job's table: ops, op count and record of each model (wasm/threads.ts). */
  private readonly jobs: number;
  private hasTeacherPreds = false;

  constructor(
    private readonly data: FusedData,
    private readonly batchSize: number,
    private readonly epsilon = 1e-7,
    /** A pool to run on, its shared memory and threads (`CpuEngine.start`); one thread without. */
    pool: CpuPool | null = null,
  ) {
    this.pool = pool;
    this.cpu = pool?.cpu ?? new CpuMemory();
    const { cpu } = this;
    const { xTrain, yTrain, xTest, yTest, labelMask, classes } = data;
    const longest = Math.max(yTrain.length, yTest.length);
    this.shared = {
      xTrain: cpu.upload(xTrain),
      yTrain: cpu.upload(Int32Array.from(yTrain)),
      yTest: cpu.upload(Int32Array.from(yTest)),
      labelMask: cpu.upload(labelMask),
      soft: cpu.alloc(yTrain.length * classes * 4),
      hintTargets: 0,
    };
    this.xTest = cpu.upload(xTest);
    this.iota = cpu.upload(Int32Array.from({ length: longest }, (_, i) => i));
    this.preds = cpu.alloc(yTest.length * 4);
    this.record = cpu.alloc(cpu.recordWords * 4);
    this.jobs = cpu.alloc(MAX_GROUP * 3 * 4);
  }

  /**
   * An engine on as many threads as the environment set (`setCpuThreads`): itself and a pool
   * whose memory it works in (an earlier engine's, given back), each op's rows cut among them.
   * One thread where memory cannot be shared, or where a pool thread fails to start (cpu-pool.ts).
   */
  static async start(data: FusedData, batchSize: number): Promise<CpuEngine> {
    const { count, spawn } = cpuThreads();
    const pool = count > 1 && spawn ? await CpuPool.take(count, spawn) : null;
    return new CpuEngine(data, batchSize, 1e-7, pool);
  }

  /** Threads the engine's ops run on. */
  get threads(): number {
    return this.pool?.threads ?? 1;
  }

  /** Runs `count` ops of a plan on `record`, each op's rows cut over the pool's threads. */
  private run(plan: Plan, record = this.record, count = plan.count): void {
    const { kernels } = this.cpu;
    if (this.pool) kernels.runParallel(this.pool.ctl, plan.at, count, record);
    else kernels.run(plan.at, count, record);
  }

  addModel(name: string, hidden: readonly Layer[], initial: Float32Array): Promise<void> {
    return this.addGroup([name], hidden, [initial]);
  }

  /**
   * Adds networks of one shape, each under its name with its initial parameters (the fused
   * layout's); with `hintWidth`, hint students whose parameters end with their regressor's.
   */
  addGroup(
    names: readonly string[],
    hidden: readonly Layer[],
    initial: readonly Float32Array[],
    hintWidth?: number,
  ): Promise<void> {
    const { features, imageSide, classes } = this.data;
    const input = { features, ...(imageSide === undefined ? {} : { imageSide }) };
    const rows = Math.max(this.batchSize, CPU_CHUNK);
    const layout = networkLayout(input, hidden, classes, rows, hintWidth);
    if (hintWidth !== undefined && this.shared.hintTargets === 0) {
      this.shared.hintTargets = this.cpu.alloc(this.data.yTrain.length * hintWidth * 4);
    }
    names.forEach((name, i) => {
      const one = initial[i];
      if (!one || one.length !== layout.parameters) {
        throw new Error(`${name}: ${one?.length} parameters given, ${layout.parameters} expected`);
      }
      const sizes = { batchSize: this.batchSize, features, epsilon: this.epsilon };
      this.models.set(name, buildModel(this.cpu, layout, one, this.shared, sizes));
    });
    return Promise.resolve();
  }

  setTeacherHidden(values: Float32Array): void {
    if (this.shared.hintTargets === 0) throw new Error('No hint student takes the hint targets.');
    this.cpu.f32(this.shared.hintTargets, values.length).set(values);
  }

  private model(name: string): CpuModel {
    const m = this.models.get(name);
    if (!m) throw new Error(`No fused CPU model named ${name}.`);
    return m;
  }

  /** One training step of `name`, run now. */
  step(name: string, step: FusedStep): void {
    const model = this.model(name);
    this.prepare(model, step);
    this.run(model.train, model.pointers.record);
  }

  /**
   * One step of every model named, `steps[i]` for the i-th: on a pool, whole models spread over
   * its threads (a group's students are too small a step to cut by rows), else one after another.
   */
  stepMembers(names: readonly string[], steps: readonly FusedStep[]): void {
    const models = names.map((name, i) => {
      const model = this.model(name);
      const step = steps[i];
      if (!step) throw new Error(`No step for ${name}.`);
      this.prepare(model, step);
      return model;
    });
    if (!this.pool || models.length < 2 || models.length > MAX_GROUP) {
      for (const m of models) this.run(m.train, m.pointers.record);
      return;
    }
    const table = this.cpu.i32(this.jobs, models.length * 3);
    models.forEach((m, i) => {
      table.set([m.train.at, m.train.count, m.pointers.record], i * 3);
    });
    this.cpu.kernels.runMembers(this.pool.ctl, this.jobs, models.length);
  }

  /** Writes `model`'s record and batch indices for `step`, and takes its Adam step count. */
  private prepare(model: CpuModel, step: FusedStep): void {
    const rows = step.rows.length;
    if (rows > this.batchSize)
      throw new Error(`A batch of ${rows} rows exceeds ${this.batchSize}.`);
    const { batchIdx, xBatch, record } = model.pointers;
    this.cpu.i32(batchIdx, rows).set(step.rows);
    const { corr1, corr2 } = model.adam.next();
    const mode = MODE_DROPOUT | (step.masked ? MODE_MASK : 0);
    const fields = { rows, seed: step.dropoutSeed, mode, idx: batchIdx, x: xBatch };
    writeRecord(this.cpu, record, { ...fields, step, corr1, corr2 });
  }

  /** Steps run as they are taken: there is always room. */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  takeMetrics(name: string): Promise<{ loss: number; correct: number }> {
    const sums = this.cpu.f32(this.model(name).pointers.metrics, 2);
    const [loss = Number.NaN, correct = 0] = sums;
    sums.fill(0);
    return Promise.resolve({ loss, correct });
  }

  evaluate(name: string, withTeacher: boolean): Promise<{ correct: number; agree?: number }> {
    const model = this.model(name);
    const counts = this.cpu.i32(model.pointers.counts, 2);
    counts.fill(0);
    const agree = withTeacher && this.hasTeacherPreds;
    this.chunks('test', (start, rec) => {
      const preds = this.preds + 4 * start;
      this.write({ ...rec, mode: agree ? MODE_AGREE : 0, preds });
      this.run(model.forward);
    });
    const [correct = 0, agreed = 0] = this.cpu.i32(model.pointers.counts, 2);
    return Promise.resolve(agree ? { correct, agree: agreed } : { correct });
  }

  /** `name`'s logits or last hidden layer (activated, no dropout) on every training or test row. */
  outputs(name: string, split: 'rows' | 'test', what: OutputKind): Promise<Float32Array> {
    const model = this.model(name);
    const { widths, zAt, hAt } = model.layout;
    const layer = what === 'logits' ? widths.length - 1 : widths.length - 2;
    const width = widths[layer] as number;
    const from = what === 'logits' ? (zAt[layer] as number) : (hAt[layer] as number);
    const total = split === 'rows' ? this.data.yTrain.length : this.data.yTest.length;
    const out = new Float32Array(total * width);
    this.chunks(split, (start, rec) => {
      this.write({ ...rec, mode: 0 });
      // The forward ops alone: the plan's last op counts matches, which outputs do not need.
      this.run(model.forward, this.record, model.forward.count - 1);
      out.set(this.cpu.f32(model.pointers.acts + 4 * from, rec.rows * width), start * width);
    });
    return Promise.resolve(out);
  }

  /** Calls `each` for every chunk of CPU_CHUNK rows of `split`, with its record's rows. */
  private chunks(split: 'rows' | 'test', each: (start: number, rec: RecordFields) => void): void {
    const total = split === 'rows' ? this.data.yTrain.length : this.data.yTest.length;
    const x = split === 'rows' ? this.shared.xTrain : this.xTest;
    const rowBytes = this.data.features * 4;
    for (let start = 0; start < total; start += CPU_CHUNK) {
      const rows = Math.min(CPU_CHUNK, total - start);
      each(start, {
        rows,
        seed: 0,
        mode: 0,
        idx: this.iota + 4 * start,
        x: x + rowBytes * start,
      });
    }
  }

  setTeacher(logits: Float32Array, testPredictions?: Int32Array): void {
    this.cpu.f32(this.shared.soft, logits.length).set(logits);
    if (testPredictions) {
      this.cpu.i32(this.preds, testPredictions.length).set(testPredictions);
      this.hasTeacherPreds = true;
    }
  }

  readParams(name: string): Promise<Float32Array> {
    const { pointers, layout } = this.model(name);
    return Promise.resolve(this.cpu.f32(pointers.params, layout.parameters).slice());
  }

  snapshot(
    name: string,
  ): Promise<{ layout: NetworkLayout; acts: Float32Array; grads: Float32Array }> {
    const { layout, pointers } = this.model(name);
    return Promise.resolve({
      layout,
      acts: this.cpu.f32(pointers.acts, layout.activationFloats).slice(),
      grads: this.cpu.f32(pointers.grads, layout.parameters).slice(),
    });
  }

  destroy(): void {
    // The pool, its memory freed, waits for the next engine.
    if (this.pool) CpuPool.giveBack(this.pool);
    this.pool = null;
    this.models.clear();
  }

  private write(r: RecordFields): void {
    writeRecord(this.cpu, this.record, r);
  }
}

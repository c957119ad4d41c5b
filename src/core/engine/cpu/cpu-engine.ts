/**
 * The fused CPU engine: the fused WGSL engine's step plan (step-plan.ts) as WebAssembly with SIMD
 * (wasm/*.ts), a run's data and models in one memory from the first step, one call into the
 * module per model and step. It serves FusedSteps (fused/fused-steps.ts) as the GPU engine does:
 * same groups, same records, same metric sums, the same dropout masks; its numbers are on the
 * host, so every read is immediate.
 */
import type { Layer } from '../../layers';
import { AdamCorrections } from '../fused/adam-corrections';
import { MODE_AGREE, MODE_DROPOUT, MODE_MASK } from '../fused/engine-constants';
import type { FusedData, FusedStep } from '../fused/fused-inputs';
import type { OutputKind } from '../fused/engine-parts';
import { type NetworkLayout, networkLayout } from '../fused/layout';
import type { StepEngine } from '../fused/step-engine';
import { CpuMemory } from './cpu-module';
import { cpuThreads } from './threads';
import { CpuPool } from './cpu-pool';
import { type RecordFields, writeRecord } from './cpu-record';
import type { ModelPointers, SharedPointers } from './step-plan';
import { forwardPlan, trainPlan, transposedWords } from './step-plan';

/** Rows an evaluation or output pass takes at once (the activations hold this many). */
export const CPU_CHUNK = 256;

type Plan = { at: number; count: number };

interface CpuModel {
  layout: NetworkLayout;
  pointers: ModelPointers;
  train: Plan;
  forward: Plan;
  adam: AdamCorrections;
}

export class CpuEngine implements StepEngine {
  private readonly cpu: CpuMemory;
  /** The pool sharing the engine's memory; null on one thread. */
  private pool: CpuPool | null = null;
  private readonly models = new Map<string, CpuModel>();
  private readonly shared: SharedPointers;
  private readonly xTest: number;
  private readonly iota: number;
  private readonly batchIdx: number;
  private readonly preds: number;
  private readonly record: number;
  private hasTeacherPreds = false;

  constructor(
    private readonly data: FusedData,
    private readonly batchSize: number,
    private readonly epsilon = 1e-7,
    /** Shared memory and the threaded build, for a pool (`CpuEngine.start`). */
    shared = false,
  ) {
    this.cpu = new CpuMemory(shared);
    const { cpu } = this;
    const { xTrain, yTrain, xTest, yTest, labelMask, classes, features } = data;
    const longest = Math.max(yTrain.length, yTest.length);
    this.shared = {
      xTrain: cpu.upload(xTrain),
      yTrain: cpu.upload(Int32Array.from(yTrain)),
      yTest: cpu.upload(Int32Array.from(yTest)),
      labelMask: cpu.upload(labelMask),
      soft: cpu.alloc(yTrain.length * classes * 4),
      hintTargets: 0,
      xBatch: cpu.alloc(batchSize * features * 4),
    };
    this.xTest = cpu.upload(xTest);
    this.iota = cpu.upload(Int32Array.from({ length: longest }, (_, i) => i));
    this.batchIdx = cpu.alloc(batchSize * 4);
    this.preds = cpu.alloc(yTest.length * 4);
    this.record = cpu.alloc(cpu.recordWords * 4);
  }

  /**
   * An engine on as many threads as the environment set (`setCpuThreads`): itself and a pool that
   * shares its memory, each op's rows cut among them. One thread where memory cannot be shared,
   * or where a pool thread fails to start (cpu-pool.ts).
   */
  static async start(data: FusedData, batchSize: number): Promise<CpuEngine> {
    const { count, spawn } = cpuThreads();
    if (count < 2 || !spawn) return new CpuEngine(data, batchSize);
    const engine = new CpuEngine(data, batchSize, 1e-7, true);
    engine.pool = await CpuPool.start(engine.cpu, count, spawn);
    return engine.pool ? engine : new CpuEngine(data, batchSize);
  }

  /** Threads the engine's ops run on. */
  get threads(): number {
    return this.pool?.threads ?? 1;
  }

  /** Runs `count` ops of a plan on the engine's record, on every thread of the pool. */
  private run(plan: Plan, count = plan.count): void {
    const { kernels } = this.cpu;
    if (this.pool) kernels.runParallel(this.pool.ctl, plan.at, count, this.record);
    else kernels.run(plan.at, count, this.record);
  }

  /** Bytes of memory the engine holds. */
  get bytes(): number {
    return this.cpu.bytes;
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
    if (layout.convs.some((c) => c)) {
      return Promise.reject(new Error('The fused CPU engine trains dense networks only.'));
    }
    if (hintWidth !== undefined && this.shared.hintTargets === 0) {
      this.shared.hintTargets = this.cpu.alloc(this.data.yTrain.length * hintWidth * 4);
    }
    names.forEach((name, i) => {
      const one = initial[i];
      if (!one || one.length !== layout.parameters) {
        throw new Error(`${name}: ${one?.length} parameters given, ${layout.parameters} expected`);
      }
      this.models.set(name, this.build(layout, one));
    });
    return Promise.resolve();
  }

  private build(layout: NetworkLayout, initial: Float32Array): CpuModel {
    const { cpu } = this;
    const n = layout.parameters;
    const ds = layout.widths.at(-2) ?? 0;
    const pointers: ModelPointers = {
      params: cpu.upload(initial),
      grads: cpu.alloc(n * 4),
      m: cpu.alloc(n * 4),
      v: cpu.alloc(n * 4),
      acts: cpu.alloc(layout.activationFloats * 4),
      metrics: cpu.alloc(8),
      counts: cpu.alloc(8),
      hs: layout.hint ? cpu.alloc(layout.rows * ds * 4) : 0,
      transposed: cpu.alloc(transposedWords(layout) * 4),
    };
    return {
      layout,
      pointers,
      train: trainPlan(cpu, layout, pointers, this.shared, this.epsilon),
      forward: forwardPlan(cpu, layout, pointers, this.shared.yTest),
      adam: new AdamCorrections(),
    };
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
    const rows = step.rows.length;
    if (rows > this.batchSize)
      throw new Error(`A batch of ${rows} rows exceeds ${this.batchSize}.`);
    this.cpu.i32(this.batchIdx, rows).set(step.rows);
    const { corr1, corr2 } = model.adam.next();
    const mode = MODE_DROPOUT | (step.masked ? MODE_MASK : 0);
    this.write({
      rows,
      seed: step.dropoutSeed,
      mode,
      idx: this.batchIdx,
      x: this.shared.xBatch,
      step,
      corr1,
      corr2,
    });
    this.run(model.train);
  }

  /** One step of every model named, `steps[i]` for the i-th, one after the other. */
  stepMembers(names: readonly string[], steps: readonly FusedStep[]): void {
    names.forEach((name, i) => {
      const step = steps[i];
      if (!step) throw new Error(`No step for ${name}.`);
      this.step(name, step);
    });
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
      this.run(model.forward, model.forward.count - 1);
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
    this.pool?.stop();
    this.pool = null;
    this.models.clear();
  }

  private write(r: RecordFields): void {
    writeRecord(this.cpu, this.record, r);
  }
}

import type { FusedMethod } from './fused-inputs';
import { MAX_GROUP, STEP_STRIDE, STEP_WORDS } from './wgsl-common';

/** One dispatch's record, field by field as wgsl-common.ts's `Step` struct lays it out. */
export interface StepRecord {
  rows: number;
  idxOffset: number;
  seed: number;
  mode: number;
  temperature: number;
  alpha: number;
  learningRate: number;
  corr1: number;
  corr2: number;
  predOffset: number;
  /** The loss: 0 KD (α = 0: scratch; ε > 0: smoothed labels), 2 DKD. */
  method: number;
  epsilon: number;
  beta: number;
  ce: number;
  /** DKD's warm-up factor w. */
  warm: number;
  /** A hint student's γ (its network has the regressor: the record alone does not add a hint). */
  gamma: number;
  /** The model's place in its group (0 for a model alone). */
  model: number;
}

/**
 * The per-dispatch records of a submission: written here one slot at a time, uploaded at once
 * into one storage buffer that every kernel reads from its dispatch's first slot on (a group of
 * models takes consecutive slots, one each).
 */
export class StepRecords {
  readonly buffer: GPUBuffer;
  private readonly bytes: ArrayBuffer;

  constructor(
    private readonly device: GPUDevice,
    readonly slots: number,
  ) {
    this.bytes = new ArrayBuffer(slots * STEP_STRIDE);
    // A binding covers a whole group's records from any slot: room for one past the last.
    this.buffer = device.createBuffer({
      label: 'step records',
      size: (slots + MAX_GROUP) * STEP_STRIDE,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
  }

  write(slot: number, r: StepRecord): void {
    const u32 = new Uint32Array(this.bytes, slot * STEP_STRIDE, STEP_WORDS);
    const f32 = new Float32Array(this.bytes, slot * STEP_STRIDE, STEP_WORDS);
    u32[0] = r.rows;
    u32[1] = r.idxOffset;
    u32[2] = r.seed >>> 0;
    u32[3] = r.mode;
    f32[4] = r.temperature;
    f32[5] = r.alpha;
    f32[6] = r.learningRate;
    f32[7] = r.corr1;
    f32[8] = r.corr2;
    u32[9] = r.predOffset;
    u32[10] = r.method;
    f32[11] = r.epsilon;
    f32[12] = r.beta;
    f32[13] = r.ce;
    f32[14] = r.warm;
    f32[15] = r.gamma;
    u32[16] = r.model;
  }

  /** Queues the first `count` slots' upload, ordered before the next submit. */
  upload(count: number): void {
    this.device.queue.writeBuffer(this.buffer, 0, this.bytes, 0, count * STEP_STRIDE);
  }
}

/**
 * The buffers GPU results are copied into and mapped for reading, kept and reused by size: a run
 * reads its metric sums every epoch and its parameters at every checkpoint, and a fresh buffer
 * for each read was one more allocation (and one more chance of an out-of-memory) per read.
 */
export class StagingPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private readonly all = new Set<GPUBuffer>();
  /** Buffers made so far (a test's measure of reuse). */
  created = 0;

  constructor(private readonly device: GPUDevice) {}

  /** A buffer of `bytes` not in use by another read. */
  take(bytes: number): GPUBuffer {
    const kept = this.free.get(bytes)?.pop();
    if (kept) return kept;
    this.created += 1;
    const buffer = this.device.createBuffer({
      label: 'read back',
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    this.all.add(buffer);
    return buffer;
  }

  /** `staging`'s contents once the GPU has written them; the buffer goes back to the pool. */
  async read(staging: GPUBuffer): Promise<ArrayBuffer> {
    try {
      await staging.mapAsync(GPUMapMode.READ);
    } catch (e) {
      // A buffer whose map failed (a lost device) is not reused.
      this.all.delete(staging);
      staging.destroy();
      throw e;
    }
    const bytes = staging.getMappedRange().slice(0);
    staging.unmap();
    const list = this.free.get(staging.size) ?? [];
    list.push(staging);
    this.free.set(staging.size, list);
    return bytes;
  }

  destroy(): void {
    for (const buffer of this.all) buffer.destroy();
    this.all.clear();
    this.free.clear();
  }
}

/** A step's loss as the record's fields (lossShader reads them). */
export function methodFields(
  method: FusedMethod | undefined,
): Pick<StepRecord, 'method' | 'epsilon' | 'beta' | 'ce' | 'warm' | 'gamma'> {
  const none = { method: 0, epsilon: 0, beta: 0, ce: 0, warm: 0, gamma: 0 };
  if (method?.kind === 'ls') return { ...none, epsilon: method.epsilon };
  // A hint student's loss is KD's plus its hint term.
  if (method?.kind === 'hint') return { ...none, gamma: method.gamma };
  if (method?.kind === 'dkd') {
    const { beta, ce, warm } = method;
    return { ...none, method: 2, beta, ce, warm };
  }
  return none;
}

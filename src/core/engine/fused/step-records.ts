import { MAX_GROUP, STEP_STRIDE, STEP_WORDS } from './wgsl-common';

/** One dispatch's record, field by field as wgsl-common.ts's `Step` struct lays it out. */
export interface StepRecord {
  rows: number;
  idxOffset: number;
  seed: number;
  mode: number;
  temperature: number;
  alpha: number;
  lr: number;
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
    f32[6] = r.lr;
    f32[7] = r.corr1;
    f32[8] = r.corr2;
    u32[9] = r.predOffset;
    u32[10] = r.method;
    f32[11] = r.epsilon;
    f32[12] = r.beta;
    f32[13] = r.ce;
    f32[14] = r.warm;
    u32[15] = r.model;
  }

  /** Queues the first `count` slots' upload, ordered before the next submit. */
  upload(count: number): void {
    this.device.queue.writeBuffer(this.buffer, 0, this.bytes, 0, count * STEP_STRIDE);
  }
}

/** A buffer `bytes` long to copy GPU results into and map for reading. */
export function stagingBuffer(device: GPUDevice, bytes: number): GPUBuffer {
  return device.createBuffer({
    label: 'read back',
    size: bytes,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
}

/** The staging buffer's contents once the GPU has written them; the buffer is destroyed. */
export async function readBytes(staging: GPUBuffer): Promise<ArrayBuffer> {
  try {
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0);
  } finally {
    staging.destroy();
  }
}

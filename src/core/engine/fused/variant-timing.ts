/**
 * Timing the matmul variants on one shape (the tuner's measurement; `tuning.ts` decides what to time
 * and keeps the choices): each shape as a plain matmul of its size and memory order, random A and
 * B, every variant from the same inputs, its product checked against the default's.
 */
import { createRng } from '../../rng';
import type { MatmulShape } from './matmul-shapes';
import { matmul } from './matmul';
import {
  blockOf,
  defaultVariant,
  type MatmulVariant,
  variantName,
  variantsFor,
} from './matmul-variants';
import { fastestOf } from './kernel';
import { worstRelative } from './self-check';

export interface TuneOptions {
  /** Milliseconds the tuning may take; shapes not reached keep the default. */
  budgetMs: number;
  now: () => number;
  /** Asked between timings: true stops the tuning (kept: what was timed). */
  cancelled?: () => boolean;
  /** Shapes under this many multiply-adds are not tuned (MIN_TUNED_MACS by default). */
  minMacs?: number;
  /** A test's seam: rewrites a variant's WGSL (the rejection test breaks one with it). */
  tamper?: (v: MatmulVariant, code: string) => string;
}

/** Relative agreement a variant's product must keep with the default's. */
const AGREEMENT = 1e-4;

/** One shape's timing: each variant's milliseconds, and the one chosen. */
export interface ShapeTiming {
  shape: MatmulShape;
  ms: Partial<Record<string, number>>;
  chosen: string;
  /** Every variant was timed: the choice is kept for the adapter (a cut-short one for this run). */
  complete: boolean;
  /** Variants whose result differed from the default's, with the relative gap. */
  rejected: { variant: string; gap: number }[];
}

/**
 * The default's lead a variant must beat: a variant replaces it only when faster by more than
 * this share. Three timings a variant on a shared machine move by several percent (seen here: a
 * variant 5 % ahead in the tuner ran a teacher step's first layer at twice the default's time), and
 * a needless switch costs more than a 10 % gain is worth.
 */
export const MARGIN = 0.1;

/** The fastest variant of `ms`, unless the default (`standing`) is within MARGIN of it. */
export function pick(ms: Partial<Record<string, number>>, standing: MatmulVariant): string {
  const fallback = variantName(standing);
  const timed = Object.entries(ms).filter((e): e is [string, number] => e[1] !== undefined);
  const fastest = timed.sort((x, y) => x[1] - y[1])[0];
  const standingMs = ms[fallback];
  if (!fastest) return fallback;
  if (standingMs !== undefined && fastest[1] > (1 - MARGIN) * standingMs) return fallback;
  return fastest[0];
}

/** A plain matmul of `shape`'s size in its memory order: A, B and C bound at 1, 2 and 3. */
function plainShader(shape: MatmulShape, v: MatmulVariant): string {
  const { m, n, k } = shape;
  // The weight gradient reads its input along m (a transposed input); the input gradient reads
  // the weights along k (a transposed kernel); the forward pass both in order.
  const aAlongM = shape.role === 'dW';
  const bAlongK = shape.role === 'dX';
  return /* wgsl */ `
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;
${matmul(
  {
    m: `${m}u`,
    n: `${n}u`,
    k: `${k}u`,
    a: aAlongM ? `A[k * ${m}u + m]` : `A[m * ${k}u + k]`,
    ...(aAlongM ? {} : { aRow: { base: `m * ${k}u`, at: 'A[base + k]' } }),
    aAlongM,
    b: bAlongK ? `B[n * ${k}u + k]` : `B[k * ${n}u + n]`,
    bAlongK,
    store: `C[m * ${n}u + n] = acc;`,
  },
  v,
)}`;
}

/**
 * Milliseconds a dispatch of `pipeline` takes, each run submitted alone (`fastestOf`, which gives
 * up on a variant whose first run takes over `hopeless` ms).
 */
async function timeDispatch(
  device: GPUDevice,
  pipeline: GPUComputePipeline,
  group: GPUBindGroup,
  grid: [number, number],
  reps: number,
  now: () => number,
  hopeless: number,
): Promise<number> {
  const run = async () => {
    const encoder = device.createCommandEncoder({ label: 'tuning' });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(...grid);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  return fastestOf(reps, run, now, hopeless);
}

/** A first run this many times the fastest variant's time so far ends a variant's timing. */
const HOPELESS = 4;

/** C of the last dispatch, read back. */
async function readBack(device: GPUDevice, c: GPUBuffer, bytes: number): Promise<Float32Array> {
  const staging = device.createBuffer({
    size: bytes,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(c, 0, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange().slice(0));
  } finally {
    staging.destroy();
  }
}

/** Every variant on one shape: times, the default's product as the reference, the fastest kept. */
export async function tuneShape(
  device: GPUDevice,
  shape: MatmulShape,
  options: TuneOptions,
  deadline: number,
): Promise<ShapeTiming> {
  const { m, n, k } = shape;
  const standing = defaultVariant(shape);
  const rng = createRng(11);
  const upload = (floats: number, usage: number) => {
    const buffer = device.createBuffer({
      size: floats * 4,
      usage: usage | GPUBufferUsage.STORAGE,
      mappedAtCreation: true,
    });
    const view = new Float32Array(buffer.getMappedRange());
    for (let i = 0; i < floats; i++) view[i] = rng.next() * 2 - 1;
    buffer.unmap();
    return buffer;
  };
  const a = upload(m * k, 0);
  const b = upload(k * n, 0);
  const c = upload(m * n, GPUBufferUsage.COPY_SRC);
  const ms: Record<string, number> = {};
  const rejected: ShapeTiming['rejected'] = [];
  let reference: Float32Array | null = null;
  let complete = true;
  try {
    // The default first: its product is the reference, and it is what a cut-short tuning keeps.
    const order = [standing, ...variantsFor(shape).filter((v) => v !== standing)];
    // Every variant compiles at once: compiling is most of a small shape's tuning, and a device
    // may compile in parallel.
    const pipelines = order.map((v) =>
      device.createComputePipelineAsync({
        layout: 'auto',
        compute: {
          module: device.createShaderModule({
            code: options.tamper?.(v, plainShader(shape, v)) ?? plainShader(shape, v),
          }),
          entryPoint: 'main',
        },
      }),
    );
    for (const [i, v] of order.entries()) {
      if (reference && (options.now() > deadline || options.cancelled?.())) {
        complete = false;
        break;
      }
      const name = variantName(v);
      const pipeline = await (pipelines[i] as Promise<GPUComputePipeline>);
      const group = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [a, b, c].map((buffer, i) => ({ binding: i + 1, resource: { buffer } })),
      });
      const block = blockOf(v);
      const grid: [number, number] = [Math.ceil(n / block.n), Math.ceil(m / block.m)];
      const fastest = Math.min(...Object.values(ms));
      const time = await timeDispatch(
        device,
        pipeline,
        group,
        grid,
        3,
        options.now,
        HOPELESS * fastest,
      );
      const product = await readBack(device, c, m * n * 4);
      if (!reference) reference = product;
      const gap = worstRelative(product, reference);
      if (gap > AGREEMENT) rejected.push({ variant: name, gap });
      else ms[name] = time;
    }
    // Pipelines not waited for (a cut-short tuning) may still reject: nobody needs them.
    for (const p of pipelines) p.catch(() => undefined);
  } finally {
    for (const buffer of [a, b, c]) buffer.destroy();
  }
  return { shape, ms, chosen: pick(ms, standing), complete, rejected };
}

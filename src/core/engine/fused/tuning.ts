/**
 * The matmul variants timed on the device for a run's shapes, the fastest kept per (adapter,
 * shape). Each shape is timed as a plain matmul of its size and memory order (random A and B, C
 * stored), every variant from the same inputs; a variant whose C differs from the default's (the
 * self-checked one) is dropped, so a variant that a driver miscompiles is never chosen.
 */
import { createRng } from '../../rng';
import type { MatmulShape, VariantChoice } from './fused-model';
import { shapeKey } from './fused-model';
import {
  DEFAULT_VARIANT,
  type MatmulVariant,
  blockOf,
  matmul,
  variantByName,
  variantName,
  variantsFor,
} from './matmul';
import { worstRelative } from './self-check';

/** Where choices are kept between runs: localStorage on the page, a file for the CLI. */
export interface TuningStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

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

export interface TuneReport {
  timings: ShapeTiming[];
  /** Shapes the budget or a cancel left at the default. */
  skipped: MatmulShape[];
  elapsedMs: number;
}

/** Shapes with fewer than 1/SMALL_SHAPE of the largest shape's multiply-adds are not tuned. */
const SMALL_SHAPE = 64;
/**
 * Nor shapes under this many multiply-adds (a Moons network's): any variant runs them in
 * microseconds, and timing them would cost seconds of compiles on a software adapter.
 */
export const MIN_TUNED_MACS = 2 ** 20;

/** Relative agreement a variant's product must keep with the default's. */
const AGREEMENT = 1e-4;

/** An adapter's name from its info: vendor · architecture · device · description. */
export function adapterInfoName(info: GPUAdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device, info.description];
  return parts.filter(Boolean).join(' · ') || 'unnamed adapter';
}

/** The adapter a device came from, named as the tuning keys name it. */
export function adapterName(device: GPUDevice): string {
  const info = (device as Partial<Pick<GPUDevice, 'adapterInfo'>>).adapterInfo;
  return info ? adapterInfoName(info) : 'unnamed adapter';
}

/**
 * Milliseconds the tuning may take on `device`: a second on a GPU; a few on a software adapter
 * (SwiftShader), where each kernel compiles and runs a hundred times slower.
 */
export function tuningBudget(device: GPUDevice): number {
  const info = (device as Partial<Pick<GPUDevice, 'adapterInfo'>>).adapterInfo;
  const software = info?.isFallbackAdapter || /swiftshader/i.test(adapterName(device));
  return software ? 4000 : 1000;
}

/** The store's key of the self-check's pass on an adapter (a failure is not kept: checked again). */
export const selfCheckKey = (adapter: string, withConv = false): string =>
  `${adapter} | self-check${withConv ? ' with conv' : ''}`;

/** The store's key of a shape on an adapter. */
export const tuningKey = (adapter: string, shape: MatmulShape): string =>
  `${adapter} | ${shapeKey(shape)}`;

/**
 * The variant chosen for each shape: this run's tuning (`report`, cut short or not), else the
 * store's, else the default.
 */
export function storedChoice(
  store: TuningStore,
  adapter: string,
  report?: TuneReport,
): VariantChoice {
  const fresh = new Map(report?.timings.map((t) => [shapeKey(t.shape), t.chosen]));
  return (shape) => {
    const name = fresh.get(shapeKey(shape)) ?? store.get(tuningKey(adapter, shape));
    return (name !== undefined && variantByName(name)) || DEFAULT_VARIANT;
  };
}

const macs = (s: MatmulShape) => s.m * s.n * s.k;

/**
 * The shapes worth timing, each once, largest first. A shape under 1/SMALL_SHAPE of the largest,
 * or under `minMacs`, costs the step little whichever variant cuts it: not worth its compiles (a
 * third of a second each on SwiftShader). It keeps the default.
 */
export function tunable(shapes: readonly MatmulShape[], minMacs = MIN_TUNED_MACS): MatmulShape[] {
  const distinct = [...new Map(shapes.map((s) => [shapeKey(s), s])).values()];
  const largest = Math.max(0, ...distinct.map(macs));
  return distinct
    .filter((s) => macs(s) * SMALL_SHAPE >= largest && macs(s) >= minMacs)
    .sort((x, y) => macs(y) - macs(x));
}

/** The shapes of `shapes` the store has no choice for on `adapter`. */
export function untuned(
  store: TuningStore,
  adapter: string,
  shapes: readonly MatmulShape[],
): MatmulShape[] {
  return shapes.filter((s) => store.get(tuningKey(adapter, s)) === undefined);
}

/**
 * The variants for a run's `shapes` on `device`: the store's, after timing the tunable shapes it
 * lacks within the adapter's budget (`onStart` told first). `tuned` is the status's sentence —
 * absent when no shape is worth tuning; `timed` says whether anything was timed this time.
 */
export async function chooseVariants(
  device: GPUDevice,
  shapes: readonly MatmulShape[],
  store: TuningStore,
  options: Omit<TuneOptions, 'budgetMs'> & { onStart?(shapes: number): void },
): Promise<{ choose: VariantChoice; tuned?: string; timed: boolean }> {
  const adapter = adapterName(device);
  const worth = tunable(shapes, options.minMacs);
  const missing = untuned(store, adapter, worth);
  if (missing.length > 0) {
    options.onStart?.(missing.length);
    const report = await tune(device, adapter, missing, store, {
      ...options,
      budgetMs: tuningBudget(device),
    });
    return {
      choose: storedChoice(store, adapter, report),
      tuned: describeTuning(report),
      timed: true,
    };
  }
  const choose = storedChoice(store, adapter);
  // Networks too small to tune say nothing of it.
  if (worth.length === 0) return { choose, timed: false };
  return { choose, tuned: 'kernels tuned on this GPU in an earlier run', timed: false };
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
 * Milliseconds a dispatch of `pipeline` takes: the fastest of `reps`, each submitted alone, after
 * a first run; if that first run alone takes over `hopeless` ms, its time is the answer — a variant
 * many times slower than the best so far loses anyway, and timing it again would spend the budget.
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
  const start = now();
  await run();
  const first = now() - start;
  if (first > hopeless) return first;
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const rep = now();
    await run();
    best = Math.min(best, now() - rep);
  }
  return best;
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
async function tuneShape(
  device: GPUDevice,
  shape: MatmulShape,
  options: TuneOptions,
  deadline: number,
): Promise<ShapeTiming> {
  const { m, n, k } = shape;
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
    const order = [DEFAULT_VARIANT, ...variantsFor(shape).filter((v) => v !== DEFAULT_VARIANT)];
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
  return { shape, ms, chosen: pick(ms), complete, rejected };
}

/**
 * The default's lead a variant must beat: a variant replaces it only when faster by more than
 * this share. Three timings a variant on a shared machine move by several percent (seen here: a
 * variant 5 % ahead in the tuner ran a teacher step's first layer at twice the default's time), and
 * a needless switch costs more than a 10 % gain is worth.
 */
export const MARGIN = 0.1;

/** The fastest variant of `ms`, unless the default is within MARGIN of it. */
export function pick(ms: Partial<Record<string, number>>): string {
  const fallback = variantName(DEFAULT_VARIANT);
  const timed = Object.entries(ms).filter((e): e is [string, number] => e[1] !== undefined);
  const fastest = timed.sort((x, y) => x[1] - y[1])[0];
  const standing = ms[fallback];
  if (!fastest) return fallback;
  if (standing !== undefined && fastest[1] > (1 - MARGIN) * standing) return fallback;
  return fastest[0];
}

/**
 * Times the variants on each of `shapes` (largest first, within the budget) and keeps the fastest
 * per shape in `store` under `adapter`.
 */
export async function tune(
  device: GPUDevice,
  adapter: string,
  shapes: readonly MatmulShape[],
  store: TuningStore,
  options: TuneOptions,
): Promise<TuneReport> {
  const start = options.now();
  const deadline = start + options.budgetMs;
  const bySize = tunable(shapes, options.minMacs);
  const timings: ShapeTiming[] = [];
  const skipped: MatmulShape[] = [];
  for (const shape of bySize) {
    if (options.now() > deadline || options.cancelled?.()) {
      skipped.push(shape);
      continue;
    }
    const timing = await tuneShape(device, shape, options, deadline);
    timings.push(timing);
    if (timing.complete) store.set(tuningKey(adapter, shape), timing.chosen);
  }
  return { timings, skipped, elapsedMs: options.now() - start };
}

/** One line for the status: how the kernels were tuned. */
export function describeTuning(report: TuneReport): string {
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const done = report.timings.filter((t) => t.complete).length;
  const total = report.timings.length + report.skipped.length;
  const rejected = [...new Set(report.timings.flatMap((t) => t.rejected.map((r) => r.variant)))];
  return [
    `kernels tuned for this GPU: ${done} of ${total} matmul shape${total === 1 ? '' : 's'} in ${seconds} s`,
    done < total ? ' (the time budget ran out; the rest are tuned in the next runs)' : '',
    rejected.length > 0
      ? `; ${rejected.join(', ')} disagreed with the default and ${rejected.length === 1 ? 'was' : 'were'} dropped`
      : '',
  ].join('');
}

/** A store in memory, for tests and for a CLI run without a cache file. */
export function memoryStore(initial: Record<string, string> = {}): TuningStore & {
  entries(): Record<string, string>;
} {
  const map = new Map(Object.entries(initial));
  return {
    get: (key) => map.get(key),
    set: (key, value) => void map.set(key, value),
    entries: () => Object.fromEntries(map),
  };
}

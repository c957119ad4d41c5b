/**
 * The matmul variants timed on the device for a run's shapes, the fastest kept per (adapter,
 * shape). Each shape is timed as a plain matmul of its size and memory order (random A and B, C
 * stored; variant-timing.ts), every variant from the same inputs; a variant whose C differs from the default's (the
 * self-checked one) is dropped, so a variant that a driver miscompiles is never chosen.
 */
import { type MatmulShape, type VariantChoice, shapeKey } from './matmul-shapes';
import { defaultVariant, variantByName } from './matmul-variants';
import { type ShapeTiming, type TuneOptions, tuneShape } from './variant-timing';

export type { ShapeTiming };

/** Where choices are kept between runs: localStorage on the page, a file for the CLI. */
export interface TuningStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
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
    return (name !== undefined && variantByName(name)) || defaultVariant(shape);
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

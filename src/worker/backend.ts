/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
// Registers 'webgpu' only if navigator.gpu exists at import time, which is why this runs in a
// dedicated worker (shared and service workers do not expose WebGPU).
import '@tensorflow/tfjs-backend-webgpu';
import {
  type BackendSpeed,
  type ModelShape,
  explainChoice,
  shapeKey,
  trainingKernels,
} from '../core/backend-choice';
import { probeSpeed } from '../core/engine/speed-probe';
import { probeFusedSpeed } from '../core/engine/fused/fused-probe';
import { errorText } from '../core/error-text';
import { fastTransposedMatMul } from '../core/engine/wasm-matmul';
import { startCpuThreads } from './cpu-threads';
import { cpuThreads } from '../core/engine/cpu/threads';
import { watchDevice, webGpuDevice } from './gpu-device';
import {
  BACKEND_NAMES,
  type BackendMode,
  type BackendName,
  type BackendReport,
} from '../protocol/messages';

/**
 * Kernels WebGPU records before it submits them; tfjs's default is 15. Measured with `npm run
 * bench` on SwiftShader (MNIST preset, student step, samples/s): 1 → 1,169, 15 → 1,285,
 * 100 → 1,514; docs/architecture.md records 79 ms a step at 1 and 25 ms at 1,000 on a real GPU. 100 is about one
 * teacher step's kernels, so the queue still starts early; the live reads flush it anyway.
 */
const WEBGPU_SUBMIT_BATCH = 100;
tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', WEBGPU_SUBMIT_BATCH);
/**
 * tfjs-wasm runs its threaded build where the page is cross-origin isolated (shared memory); the
 * build's threads start from the source text of its glue, which the bundler keeps self-contained
 * (scripts/lib/wasm-threads.ts). A thread a core, up to the 8 its build starts: left to itself
 * it takes half the cores (one on a 2-core machine), and the page's main thread, the only other
 * busy one, mostly waits while a model trains. Without isolation (a host without the headers)
 * it runs on one thread.
 */
if (self.crossOriginIsolated) setThreadsCount(Math.min(8, navigator.hardwareConcurrency || 1));
else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
// The fused CPU engine's pool, on the same terms (cpu-threads.ts).
startCpuThreads();

// Gradient matmuls on wasm take XNNPACK's path (core/engine/wasm-matmul.ts).
fastTransposedMatMul();
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

/** Why WebGPU cannot be used here, or the adapter it would use. */
async function probeWebGpu(): Promise<
  { ok: true; adapter: string; software: boolean } | { ok: false; reason: string }
> {
  if (!('gpu' in navigator)) {
    return { ok: false, reason: 'this browser does not expose WebGPU (navigator.gpu is missing)' };
  }
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return { ok: false, reason: 'WebGPU is present but no GPU adapter is available' };
  const { vendor, architecture, description, device, isFallbackAdapter } = adapter.info;
  const parts = [vendor, architecture, description, device].filter((p) => p !== '');
  const fallback = isFallbackAdapter ? ' (software fallback adapter)' : '';
  return {
    ok: true,
    adapter: (parts.join(' · ') || 'unnamed adapter') + fallback,
    software: isFallbackAdapter,
  };
}

type Started = { ok: true; adapter?: string; software: boolean } | { ok: false; reason: string };

/** Makes `name` the active backend, or says why it cannot be. */
async function start(name: BackendName, onDeviceLost: (message: string) => void): Promise<Started> {
  let gpu: { adapter: string; software: boolean } | undefined;
  if (name === 'webgpu') {
    const probe = await probeWebGpu();
    if (!probe.ok) return { ok: false, reason: probe.reason };
    gpu = probe;
  }
  try {
    if (!(await tf.setBackend(name))) return { ok: false, reason: 'failed to initialize' };
    await tf.ready();
  } catch (e) {
    return { ok: false, reason: errorText(e) };
  }
  if (gpu) {
    watchDevice(onDeviceLost);
    return { ok: true, adapter: gpu.adapter, software: gpu.software };
  }
  return { ok: true, software: false };
}

/**
 * Why `name` must not train `shape` — excluded (its GPU device was lost) or lacking kernels — or
 * null. `getKernel` returns undefined for a missing kernel despite its typing. wasm lacks tfjs's
 * conv gradients, but there the fused CPU engine trains conv blocks (engine-choice.ts refuses a
 * conv run it cannot take, in so many words).
 */
function unusable(
  name: BackendName,
  shape: ModelShape,
  exclude: readonly BackendName[] = [],
): string | null {
  if (exclude.includes(name)) return 'its GPU device was lost';
  if (name === 'wasm') return null;
  const missing = trainingKernels(shape).filter(
    (k) => !(tf.getKernel(k, name) as tf.KernelConfig | undefined),
  );
  return missing.length === 0 ? null : `cannot train conv blocks (no ${missing.join(', ')} kernel)`;
}

export interface SelectOptions {
  onDeviceLost: (message: string) => void;
  /** Rankings by shape key, from earlier measurements; a new one is added and reported. */
  speeds: Map<string, BackendSpeed<BackendName>[]>;
  onSpeeds: (key: string, ranking: BackendSpeed<BackendName>[]) => void;
  /** What the automatic choice is measuring now, for the page to show beside Train. */
  onMeasuring?: (text: string) => void;
  /** Backends not to use: WebGPU once its device was lost. */
  exclude?: readonly BackendName[];
}

/** Time spent measuring each backend after its first (compiling) step. */
const PROBE_BUDGET_MS = 300;

let selecting: Promise<unknown> = Promise.resolve();

/**
 * Starts a backend and reports it: `auto` takes the fastest on `shape`, measured once per shape
 * and device; a named backend is tried first and the others follow in order. Calls run one after
 * another: two overlapping `tf.setBackend` calls can leave the engine running one backend's
 * kernels on the other's data.
 */
export function selectBackend(
  mode: BackendMode,
  shape: ModelShape,
  options: SelectOptions,
): Promise<BackendReport> {
  const next = selecting.then(() =>
    mode === 'auto' ? selectFastest(shape, options) : selectInOrder(mode, shape, options),
  );
  selecting = next.catch(() => undefined);
  return next;
}

async function selectInOrder(
  preferred: BackendName,
  shape: ModelShape,
  { onDeviceLost, exclude }: SelectOptions,
): Promise<BackendReport> {
  const order = [preferred, ...BACKEND_NAMES.filter((b) => b !== preferred)];
  const skipped: string[] = [];
  for (const name of order) {
    const unable = unusable(name, shape, exclude);
    if (unable) {
      skipped.push(`${name}: ${unable}`);
      continue;
    }
    const started = await start(name, onDeviceLost);
    if (!started.ok) {
      skipped.push(`${name}: ${started.reason}`);
      continue;
    }
    return report(name, started.adapter, skipped);
  }
  throw new Error(skipped.join('; '));
}

async function selectFastest(shape: ModelShape, options: SelectOptions): Promise<BackendReport> {
  // Asked every time, even with a cached ranking: it names the adapter and, if WebGPU is
  // missing, the reason the banner shows.
  const gpu = await probeWebGpu();
  const key = shapeKey(shape);
  const known = options.speeds.get(key);
  const ranking = known ?? (await measureAll(shape, options));
  const failed: string[] = [];
  for (const { name } of ranking) {
    const unable = unusable(name, shape, options.exclude);
    if (unable) {
      failed.push(`${name}: ${unable}`);
      continue;
    }
    const started = await start(name, options.onDeviceLost);
    if (!started.ok) {
      failed.push(`${name}: ${started.reason}`);
      continue;
    }
    const software = gpu.ok && gpu.software;
    const auto = { ranking, reason: explainChoice(ranking, software), cached: known !== undefined };
    return { ...report(name, started.adapter, gpu.ok ? [] : [`webgpu: ${gpu.reason}`]), auto };
  }
  // A cached ranking whose backends no longer start: measure afresh rather than give up.
  if (known) {
    options.speeds.delete(key);
    return selectFastest(shape, options);
  }
  throw new Error(failed.join('; ') || 'no backend started');
}

/** Measures every backend that starts; the plain JavaScript one only if wasm cannot start. */
async function measureAll(
  shape: ModelShape,
  options: SelectOptions,
): Promise<BackendSpeed<BackendName>[]> {
  const measured: BackendSpeed<BackendName>[] = [];
  // The plain JavaScript backend is measured only as wasm's stand-in.
  const candidates = BACKEND_NAMES.length - 1;
  for (const [i, name] of BACKEND_NAMES.entries()) {
    if (name === 'cpu' && measured.some((m) => m.name === 'wasm')) continue;
    if (unusable(name, shape, options.exclude)) continue;
    options.onMeasuring?.(
      `measuring ${name} (${Math.min(i + 1, candidates)} of ${candidates}): a compiling step, then 0.3 s of training steps`,
    );
    if (!(await start(name, options.onDeviceLost)).ok) continue;
    const probe = { budgetMs: PROBE_BUDGET_MS, minSteps: 1, now: () => performance.now() };
    // WebGPU trains on the fused WGSL kernels, wasm on the fused CPU engine: measure those, not
    // tfjs's.
    const on = name === 'webgpu' ? webGpuDevice() : name === 'wasm' ? 'cpu' : null;
    const fused = on ? await probeFusedSpeed(on, shape, probe).catch(() => null) : null;
    // tfjs's wasm kernels cannot train conv blocks: without the fused CPU engine, no wasm.
    if (fused === null && name === 'wasm' && trainingKernels(shape).length > 0) continue;
    if (fused !== null) measured.push({ name, samplesPerSecond: fused, fused: true });
    else measured.push({ name, samplesPerSecond: await probeSpeed(shape, probe) });
  }
  measured.sort((a, b) => b.samplesPerSecond - a.samplesPerSecond);
  if (measured.length > 0) {
    options.speeds.set(shapeKey(shape), measured);
    options.onSpeeds(shapeKey(shape), measured);
  }
  return measured;
}

function report(name: BackendName, adapter: string | undefined, skipped: string[]): BackendReport {
  const result: BackendReport = { name };
  if (adapter) result.adapter = adapter;
  // The fused CPU engine's pool, which trains a run here; tfjs's own (XNNPACK's) serves the
  // analysis and was reported before, so the status read "1 thread" and then "2 threads".
  if (name === 'wasm') result.threads = cpuThreads().count;
  if (skipped.length > 0) result.fallbackReason = skipped.join('; ');
  return result;
}

/** True while tfjs runs on wasm: where the fused CPU engine trains. */
export function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

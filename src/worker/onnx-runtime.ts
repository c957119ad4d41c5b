/**
 * The trained models in the runtime a student would ship in: each exported to ONNX here and run by
 * ONNX Runtime Web, loaded only when a person asks — with its WebGPU execution provider where this
 * browser has a WebGPU adapter, its WebAssembly one otherwise (or when WebGPU fails; the page is
 * told why). Its files are served from the app's own origin (Vite copies them into the build), so
 * the page's CSP holds.
 */
import gpuMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import gpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type * as Ort from 'onnxruntime-web';
import { clip } from '../core/clip';
import type { Experiment } from '../core/engine/experiment';
import { LATENCY_BATCH, LATENCY_WARMUP, timeRuns } from '../core/engine/latency';
import type { ModelId } from '../core/roles';
import type { OnnxProvider, OnnxRun } from '../protocol/analysis';
import { onnxBytes } from './analysis';
import { errorText } from '../core/error-text';

/** Timed runs per batch size, as the tfjs latency's. */
const RUNS = 30;
/** Rows per run when measuring accuracy on the test rows. */
const ACCURACY_BATCH = 256;

type Runtime = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;
type Provider = 'webgpu' | 'wasm';

/** The runtime's build for `provider`, pointed at its files on this origin. */
async function loadRuntime(provider: Provider): Promise<Runtime> {
  const base = self.location.href;
  // The WebGPU provider lives in ONNX Runtime's asyncify build; the plain one is WebAssembly only.
  const [ort, wasm, mjs] =
    provider === 'webgpu'
      ? [await import('onnxruntime-web/webgpu'), gpuWasmUrl, gpuMjsUrl]
      : [await import('onnxruntime-web/wasm'), wasmUrl, mjsUrl];
  ort.env.wasm.wasmPaths = { wasm: new URL(wasm, base).href, mjs: new URL(mjs, base).href };
  // Worker threads need shared memory, which only a cross-origin isolated page has (vite.config.ts
  // and public/_headers send the headers); otherwise one thread.
  ort.env.wasm.numThreads = self.crossOriginIsolated
    ? Math.min(4, Math.max(1, navigator.hardwareConcurrency))
    : 1;
  return ort;
}

/** This browser's WebGPU adapter as the worker sees it: none, a software one, or hardware. */
async function webGpuAdapter(): Promise<'none' | 'software' | 'hardware'> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator)) return 'none';
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return 'none';
    return adapter.info.isFallbackAdapter ? 'software' : 'hardware';
  } catch {
    return 'none';
  }
}

/** The provider `asked` comes to here, and why WebGPU is not used where it is not. */
async function chooseProvider(asked: OnnxProvider): Promise<{ provider: Provider; why: string }> {
  if (asked === 'wasm') return { provider: 'wasm', why: '' };
  const adapter = await webGpuAdapter();
  if (adapter === 'none') return { provider: 'wasm', why: '; this browser has no WebGPU adapter' };
  if (adapter === 'software' && asked === 'auto') {
    return {
      provider: 'wasm',
      why: '; WebGPU here is a software adapter, slower than WebAssembly',
    };
  }
  return { provider: 'webgpu', why: '' };
}

export interface OnnxMeasurement {
  /** The runtime and its execution provider, in words. */
  runtime: string;
  models: Partial<Record<ModelId, OnnxRun>>;
}

/**
 * Accuracy on the test rows and latency at batch 1 and 256 of each of `roles` in ONNX Runtime Web,
 * on the provider `asked` comes to (chooseProvider); WebAssembly where WebGPU fails, said why.
 */
export async function measureOnnx(
  exp: Experiment,
  roles: readonly ModelId[],
  asked: OnnxProvider,
  now: () => number,
): Promise<OnnxMeasurement> {
  // An imported teacher is not the playground's to export; the page says so.
  const own = roles.filter((r) => r !== 'teacher' || !exp.ready);
  let { provider, why } = await chooseProvider(asked);
  if (provider === 'webgpu') {
    try {
      const models = await measureWith(await loadRuntime('webgpu'), 'webgpu', exp, own, now);
      return { runtime: 'ONNX Runtime Web (WebGPU)', models };
    } catch (e) {
      provider = 'wasm';
      why = `; its WebGPU provider failed here: “${clip(errorText(e), 120)}”`;
    }
  }
  const models = await measureWith(await loadRuntime(provider), provider, exp, own, now);
  return { runtime: `ONNX Runtime Web (wasm${why})`, models };
}

async function measureWith(
  ort: Runtime,
  provider: Provider,
  exp: Experiment,
  roles: readonly ModelId[],
  now: () => number,
): Promise<Partial<Record<ModelId, OnnxRun>>> {
  const { features, xTest, yTest } = exp.dataset;
  const rows = yTest.length;
  const out: Partial<Record<ModelId, OnnxRun>> = {};
  for (const role of roles) {
    const session = await ort.InferenceSession.create(await onnxBytes(exp, role), {
      executionProviders: [provider],
    });
    try {
      const run = async (start: number, count: number) => {
        const x = xTest.subarray(start * features, (start + count) * features);
        const result = await session.run({
          input: new ort.Tensor('float32', x, [count, features]),
        });
        return (await result.probabilities?.getData()) as Float32Array;
      };
      let correct = 0;
      for (let start = 0; start < rows; start += ACCURACY_BATCH) {
        const count = Math.min(ACCURACY_BATCH, rows - start);
        const p = await run(start, count);
        const classes = p.length / count;
        for (let r = 0; r < count; r++) {
          let best = 0;
          for (let c = 1; c < classes; c++) {
            if ((p[r * classes + c] as number) > (p[r * classes + best] as number)) best = c;
          }
          if (best === yTest[start + r]) correct += 1;
        }
      }
      const options = { warmup: LATENCY_WARMUP, runs: RUNS, now };
      const big = Math.min(LATENCY_BATCH, rows);
      out[role] = {
        accuracy: correct / rows,
        latency: {
          batch1: await timeRuns(() => run(0, 1), options),
          batch256: await timeRuns(() => run(0, big), options),
        },
      };
    } finally {
      await session.release();
    }
  }
  return out;
}

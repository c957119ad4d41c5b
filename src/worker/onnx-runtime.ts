/**
 * The trained models in the runtime a student would ship in: each exported to ONNX here and run by
 * ONNX Runtime Web's WebAssembly build, loaded only when a person asks. Its files are served from
 * the app's own origin (Vite copies them into the build), so the page's CSP holds.
 */
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { Experiment } from '../core/engine/experiment';
import { LATENCY_BATCH, LATENCY_WARMUP, timeRuns } from '../core/engine/latency';
import type { ModelRole } from '../core/roles';
import type { OnnxRun } from '../protocol/analysis';
import { onnxBytes } from './analysis';

/** Timed runs per batch size, as the tfjs latency's. */
const RUNS = 30;
/** Rows per run when measuring accuracy on the test rows. */
const ACCURACY_BATCH = 256;

export const ONNX_RUNTIME = 'ONNX Runtime Web (wasm)';

/** Accuracy on the test rows and latency at batch 1 and 256 of each of `roles`, in ONNX Runtime. */
export async function measureOnnx(
  exp: Experiment,
  roles: readonly ModelRole[],
  now: () => number,
): Promise<Partial<Record<ModelRole, OnnxRun>>> {
  const ort = await import('onnxruntime-web/wasm');
  const base = self.location.href;
  ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, base).href, mjs: new URL(mjsUrl, base).href };
  // One thread: worker threads would need the page to be cross-origin isolated.
  ort.env.wasm.numThreads = 1;
  const { features, xTest, yTest } = exp.dataset;
  const rows = yTest.length;
  const out: Partial<Record<ModelRole, OnnxRun>> = {};
  // An imported teacher is not the playground's to export; its table row says so.
  for (const role of roles.filter((r) => r !== 'teacher' || !exp.ready)) {
    const session = await ort.InferenceSession.create(await onnxBytes(exp, role), {
      executionProviders: ['wasm'],
    });
    try {
      const run = async (start: number, count: number) => {
        const x = xTest.subarray(start * features, (start + count) * features);
        const result = await session.run({
          input: new ort.Tensor('float32', x, [count, features]),
        });
        return result.probabilities?.data as Float32Array;
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

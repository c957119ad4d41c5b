/**
 * The fused CPU engine's threads in the page: Web Workers started from the training worker, one
 * a core up to 8 — as tfjs-wasm's pool here (backend.ts): the page's own thread mostly waits while
 * a model trains. Only where the page is cross-origin isolated (memory can be shared); one thread
 * otherwise, which the status says.
 */
import { type PoolThread, type ThreadInit, setCpuThreads } from '../core/engine/cpu/threads';

function spawnWebThread(init: ThreadInit): PoolThread {
  const worker = new Worker(new URL('./cpu-thread.ts', import.meta.url), { type: 'module' });
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = () => {
      resolve();
    };
    worker.onerror = (e) => {
      reject(new Error(e.message || 'a fused CPU engine thread failed to start'));
    };
  });
  worker.postMessage(init);
  return {
    ready,
    terminate: () => {
      worker.terminate();
    },
  };
}

export function startCpuThreads(): void {
  if (!self.crossOriginIsolated) return;
  setCpuThreads(Math.min(8, navigator.hardwareConcurrency || 1), spawnWebThread);
}

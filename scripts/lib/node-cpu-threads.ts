/**
 * The fused CPU engine's pool threads in Node: worker threads that instantiate the engine's
 * threaded kernels on its shared memory and wait for work (`serve`). The CLI, bench:node and the
 * tests call `setNodeCpuThreads`; the page starts Web Workers instead (src/worker/cpu-threads.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type PoolThread,
  type ThreadInit,
  setCpuThreads,
} from '../../src/core/engine/cpu/threads.ts';

/** The thread's whole program: plain JavaScript, so no loader is needed to start it. */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, ctl, thread } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
parentPort.postMessage('ready');
instance.exports.serve(ctl, thread);
`;

export function spawnNodeThread(init: ThreadInit): PoolThread {
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: init });
  // A pool outlives its engine, idle until the next (cpu-pool.ts): it must not keep a finished
  // command alive. Work never needs it to: the engine's thread waits for each plan's last barrier.
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => {
      resolve();
    });
    worker.once('error', reject);
  });
  return {
    ready,
    terminate: () => {
      void worker.terminate();
    },
  };
}

/** Engines made from now on run on `count` threads (every core by default). */
export function setNodeCpuThreads(count = availableParallelism()): void {
  setCpuThreads(count, spawnNodeThread);
}

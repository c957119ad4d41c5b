/**
 * The fused CPU engine's threads: how many, and how a thread is started where the engine runs (a
 * Web Worker in the page, a worker thread in Node). Set once by the environment (the training
 * worker, the CLI, the bench); one thread where nothing is set or memory cannot be shared.
 */

/** What a pool thread is given: the compiled kernels, the shared memory, its control block. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** The control block's byte address (wasm/threads.ts). */
  ctl: number;
  thread: number;
}

/** A started thread: `ready` once it has instantiated the kernels and waits for work. */
export interface PoolThread {
  ready: Promise<void>;
  terminate(): void;
}

export type SpawnThread = (init: ThreadInit) => PoolThread;

let configured: { count: number; spawn: SpawnThread | null } = { count: 1, spawn: null };

/** The engine runs on `count` threads (itself and count − 1 spawned), where memory can be shared. */
export function setCpuThreads(count: number, spawn: SpawnThread): void {
  configured = { count: Math.max(1, Math.floor(count)), spawn };
}

/** Threads the next engine asks for, and how to start them (null: one thread). */
export function cpuThreads(): { count: number; spawn: SpawnThread | null } {
  const shareable = typeof SharedArrayBuffer !== 'undefined';
  return shareable && configured.spawn ? configured : { count: 1, spawn: null };
}

/// <reference lib="webworker" />
/**
 * A pool thread of the fused CPU engine in the page: instantiates the engine's threaded kernels
 * on the memory it shares with the training worker, says so, and stays in the kernels' `serve`
 * loop (it waits there, in WebAssembly, for each op's share of rows) until the engine ends it.
 */
import type { ThreadInit } from '../core/engine/cpu/threads';

self.onmessage = (event: MessageEvent<ThreadInit>) => {
  const { module, memory, ctl, thread } = event.data;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  self.postMessage('ready');
  (instance.exports.serve as (ctl: number, thread: number) => void)(ctl, thread);
};

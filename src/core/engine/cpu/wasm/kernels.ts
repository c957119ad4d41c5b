// AssemblyScript: the fused CPU engine's entry, compiled by `npm run build:wasm` into
// ../kernels-wasm.ts twice — single-threaded, and with shared memory and atomics for a pool of
// threads (threads.ts). Everything the JavaScript side calls or reads is exported here.
export * from './ops';
export { runMembers, runParallel, serve } from './threads';
// The record's words and modes, read by the JavaScript side from the instance (cpu/cpu-module.ts).
export {
  ALPHA, BETA, CE, CORR1, CORR2, EPSILON, GAMMA, IDX, LEARNING_RATE, METHOD, MODE, PREDS, ROWS,
  SEED, TEMPERATURE, WARM, X,
} from './record';
export const RECORD_WORDS = 17;

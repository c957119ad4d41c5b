/**
 * Threads the fused CPU engine runs on. One: its kernels cut every op's rows by thread already
 * (wasm/step.ts), but the pool of workers that would share its memory is not built yet.
 */
export const CPU_ENGINE_THREADS = 1;

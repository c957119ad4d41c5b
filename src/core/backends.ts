/** The tfjs backends the app trains on, and how the worker reports the one it chose. */
import type { BackendSpeed } from './backend-choice';

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** `auto` measures the backends on the current networks and takes the fastest. */
export type BackendMode = BackendName | 'auto';

export interface AutoChoice {
  /** Measured speeds, fastest first. */
  ranking: BackendSpeed<BackendName>[];
  /** One line for the status, e.g. "webgl trains 9.8× faster here than webgpu". */
  reason: string;
  /** True when the ranking came from an earlier measurement on this device and shape. */
  cached: boolean;
}

export interface BackendReport {
  name: BackendName;
  /** Present when the backend was picked automatically. */
  auto?: AutoChoice;
  /** The WebGPU adapter's vendor / architecture / description, when WebGPU is active. */
  adapter?: string;
  /**
   * On wasm: the threads a run trains on — the fused CPU engine's pool (1 unless the page is
   * cross-origin isolated, which lets WebAssembly share memory with worker threads).
   */
  threads?: number;
  /** Why a backend earlier in the preference order was not used; absent when none was skipped. */
  fallbackReason?: string;
}

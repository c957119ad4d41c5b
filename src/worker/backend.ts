/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
// Registers 'webgpu' only if navigator.gpu exists at import time, which is why this runs in a
// dedicated worker (shared and service workers do not expose WebGPU).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKEND_NAMES, type BackendName, type BackendReport } from '../protocol/messages';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

/** Why WebGPU cannot be used here, or the adapter it would use. */
async function probeWebGpu(): Promise<
  { ok: true; adapter: string } | { ok: false; reason: string }
> {
  if (!('gpu' in navigator)) {
    return { ok: false, reason: 'this browser does not expose WebGPU (navigator.gpu is missing)' };
  }
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return { ok: false, reason: 'WebGPU is present but no GPU adapter is available' };
  const { vendor, architecture, description, device } = adapter.info;
  const parts = [vendor, architecture, description, device].filter((p) => p !== '');
  const fallback = adapter.info.isFallbackAdapter ? ' (software fallback adapter)' : '';
  return { ok: true, adapter: (parts.join(' · ') || 'unnamed adapter') + fallback };
}

/**
 * Tries the backends in preference order (WebGPU first, or the one asked for first) and reports
 * the one that started, with the reason for every one skipped before it.
 */
export async function selectBackend(
  preferred: BackendName | undefined,
  onDeviceLost: (message: string) => void,
): Promise<BackendReport> {
  const order = preferred
    ? [preferred, ...BACKEND_NAMES.filter((b) => b !== preferred)]
    : [...BACKEND_NAMES];
  const skipped: string[] = [];
  for (const name of order) {
    let adapter: string | undefined;
    if (name === 'webgpu') {
      const probe = await probeWebGpu();
      if (!probe.ok) {
        skipped.push(`webgpu: ${probe.reason}`);
        continue;
      }
      adapter = probe.adapter;
    }
    try {
      if (!(await tf.setBackend(name))) {
        skipped.push(`${name}: failed to initialize`);
        continue;
      }
      await tf.ready();
    } catch (e) {
      skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (name === 'webgpu') watchDevice(onDeviceLost);
    const report: BackendReport = { name };
    if (adapter) report.adapter = adapter;
    if (skipped.length > 0) report.fallbackReason = skipped.join('; ');
    return report;
  }
  throw new Error(skipped.join('; '));
}

/** tfjs has no device-loss handling of its own. */
function watchDevice(onDeviceLost: (message: string) => void): void {
  const backend: object = tf.backend();
  if (!('device' in backend)) return;
  const { device } = backend as Pick<WebGPUBackend, 'device'>;
  void device.lost.then((info) => {
    onDeviceLost(`The GPU device was lost (${info.reason}): ${info.message || 'no details'}`);
  });
}

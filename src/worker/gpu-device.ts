/**
 * tfjs's WebGPU device as the training worker reaches it: the device fused kernels run on, its
 * loss watched, and the test hooks that break it on purpose.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/** tfjs's WebGPU device while WebGPU is the active backend, else null: where fused kernels run. */
export function webGpuDevice(): GPUDevice | null {
  const backend: object = tf.backend();
  return 'device' in backend ? (backend as Pick<WebGPUBackend, 'device'>).device : null;
}

/** Destroys the active WebGPU device, as a driver reset would (a test hook); false off WebGPU. */
export function destroyDevice(): boolean {
  const backend: object = tf.backend();
  if (!('device' in backend)) return false;
  (backend as Pick<WebGPUBackend, 'device'>).device.destroy();
  return true;
}

/**
 * Makes the active WebGPU device report a validation error outside any error scope, as a driver
 * bug mid-run would (end-to-end tests only); false off WebGPU.
 */
export function provokeGpuError(): boolean {
  const backend: object = tf.backend();
  if (!('device' in backend)) return false;
  const { device } = backend as Pick<WebGPUBackend, 'device'>;
  // A buffer that may be mapped for reading may only be copied into: this usage is invalid.
  device.createBuffer({ size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
  return true;
}

/**
 * Resolves when the active WebGPU device is lost or `waitMs` has passed, whichever is first; at
 * once off WebGPU. A read that failed because the device went away settles before `lost` does.
 */
export async function settleDeviceLoss(waitMs: number): Promise<void> {
  const backend: object = tf.backend();
  if (!('device' in backend)) return;
  const { device } = backend as Pick<WebGPUBackend, 'device'>;
  await Promise.race([device.lost, new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

const watched = new WeakSet<GPUDevice>();

/** tfjs has no device-loss handling of its own. Once per device: backends are started again. */
export function watchDevice(onDeviceLost: (message: string) => void): void {
  const backend: object = tf.backend();
  if (!('device' in backend)) return;
  const { device } = backend as Pick<WebGPUBackend, 'device'>;
  if (watched.has(device)) return;
  watched.add(device);
  void device.lost.then((info) => {
    onDeviceLost(`The GPU device was lost (${info.reason}): ${info.message || 'no details'}`);
  });
}

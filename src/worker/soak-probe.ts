/**
 * What `npm run soak` samples in the worker (end-to-end build only; the production bundle has
 * none of it): tfjs's tensors and bytes, and the bytes of every GPU buffer alive on any device,
 * tfjs's and the fused kernels' alike, counted from the moment the probe is installed.
 */
import * as tf from '@tensorflow/tfjs';
import type { SoakSample } from '../protocol/soak';

declare const self: DedicatedWorkerGlobalScope & { distillSoakProbe?: () => SoakSample };

export function installSoakProbe(): void {
  let live = 0;
  const sizes = new WeakMap<GPUBuffer, number>();
  if (typeof GPUDevice !== 'undefined') {
    // Wrapped on the prototypes, so that every device made after this counts.
    const { createBuffer: create } = Object.getOwnPropertyDescriptors(GPUDevice.prototype);
    const { destroy } = Object.getOwnPropertyDescriptors(GPUBuffer.prototype);
    const createFn = create.value as GPUDevice['createBuffer'];
    const destroyFn = destroy.value as GPUBuffer['destroy'];
    GPUDevice.prototype.createBuffer = function (this: GPUDevice, descriptor) {
      const buffer = createFn.call(this, descriptor);
      sizes.set(buffer, descriptor.size);
      live += descriptor.size;
      return buffer;
    };
    GPUBuffer.prototype.destroy = function (this: GPUBuffer) {
      live -= sizes.get(this) ?? 0;
      // Destroying twice is allowed and must not count twice.
      sizes.delete(this);
      destroyFn.call(this);
    };
  }
  self.distillSoakProbe = () => {
    const memory = tf.memory();
    const heap = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return {
      tensors: memory.numTensors,
      tensorBytes: memory.numBytes,
      gpuBufferBytes: live,
      heapBytes: heap?.usedJSHeapSize ?? null,
    };
  };
}

import { create, globals } from 'webgpu';

let device: Promise<GPUDevice> | null = null;
/**
 * Dawn's instance, held for the life of the process: once garbage-collected it takes the device's
 * threads down with it (seen here as corrupted mutexes and crashes mid-run).
 */
let instance: GPU | null = null;

/**
 * A WebGPU device in Node through Dawn (the npm package `webgpu`), created once per test file.
 * Sets WebGPU's globals (GPUBufferUsage, …) the engine code reads. The Vulkan driver is chosen
 * by VK_ICD_FILENAMES, which vite.config.ts sets before the test processes start (setting it
 * here, with Dawn's threads about, corrupts memory: glibc's setenv is not thread-safe).
 */
export function nodeGpuDevice(): Promise<GPUDevice> {
  device ??= (async () => {
    Object.assign(globalThis, globals);
    instance = create([]);
    const adapter = await instance.requestAdapter();
    if (!adapter) {
      throw new Error(
        `No WebGPU adapter in Node (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? ''}): install Debian's libvulkan1 and chromium, whose SwiftShader driver stands in for a GPU.`,
      );
    }
    // As tfjs asks for its device: timestamp queries where the adapter has them (the profile's).
    const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query')
      ? ['timestamp-query']
      : [];
    return adapter.requestDevice({ requiredFeatures });
  })();
  return device;
}

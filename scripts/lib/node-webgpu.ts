import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { create, globals } from 'webgpu';
import { adapterInfoName } from '../../src/core/engine/fused/tuning.ts';
import { SWIFTSHADER_ICD } from './vulkan.ts';

/** Dawn's instance, held for the life of the process: collected, it takes the device with it. */
let instance: GPU | null = null;

/**
 * tfjs's WebGPU backend in Node through Dawn (the npm package `webgpu`), on whatever adapter
 * Vulkan offers. Where there is none and no driver is named, the script runs again in a new
 * process on Chromium's SwiftShader: Vulkan reads VK_ICD_FILENAMES at start, and changing the
 * environment under Dawn's threads corrupts memory. Returns tfjs's device and the adapter's name.
 */
export async function startNodeWebGpu(): Promise<{ device: GPUDevice; adapter: string }> {
  Object.assign(globalThis, globals);
  instance = create([]);
  const adapter = await instance.requestAdapter();
  if (!adapter) {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
      const env = { ...process.env, VK_ICD_FILENAMES: SWIFTSHADER_ICD };
      const args = [...process.execArgv, ...process.argv.slice(1)];
      const child = spawnSync(process.execPath, args, { stdio: 'inherit', env });
      process.exit(child.status ?? 1);
    }
    throw new Error(
      `No WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? ''}). Without a GPU, install Debian's libvulkan1 and chromium.`,
    );
  }
  // tfjs's WebGPU backend registers only if navigator.gpu exists when it is imported.
  // jax-js (the bench's peer) reads navigator.userAgent as well.
  (globalThis as { navigator?: object }).navigator = { gpu: instance, userAgent: 'node' };
  await import('@tensorflow/tfjs-backend-webgpu');
  // tfjs's fastest setting measured (docs/architecture.md): its kernels go out in large submits.
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 1000);
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend.');
  const backend = tf.backend() as unknown as { device: GPUDevice };
  return { device: backend.device, adapter: adapterInfoName(adapter.info) };
}

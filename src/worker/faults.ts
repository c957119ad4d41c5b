/**
 * The faults the end-to-end tests inject: a destroyed GPU device, a GPU validation error, an
 * uncaught error. Loaded only
 * in the end-to-end build (`vite build --mode e2e`); the production bundle has none of it.
 */
import type { FromWorker, InjectedFault } from '../protocol/messages';
import { destroyDevice, provokeGpuError } from './gpu-device';

export function injectFault(fault: InjectedFault, post: (message: FromWorker) => void): void {
  if (fault === 'destroy-device' && !destroyDevice()) {
    post({
      type: 'error',
      message: 'No WebGPU device to destroy: the active backend is not webgpu.',
    });
  }
  if (fault === 'gpu-error' && !provokeGpuError()) {
    post({
      type: 'error',
      message: 'No WebGPU device to fault: the active backend is not webgpu.',
    });
  }
  if (fault === 'throw') {
    setTimeout(() => {
      throw new Error('Injected fault: an uncaught error in the training worker');
    });
  }
}

/**
 * `window.distillTestHooks`: the faults the end-to-end tests inject, on pages opened with
 * `?testHooks`. Loaded only in the end-to-end build (`vite build --mode e2e`).
 */
import type { WorkerClient } from '../worker-client/client';

export function installTestHooks(client: WorkerClient): void {
  Object.assign(window, {
    distillTestHooks: {
      destroyDevice: () => {
        client.send({ type: 'inject-fault', fault: 'destroy-device' });
      },
      gpuError: () => {
        client.send({ type: 'inject-fault', fault: 'gpu-error' });
      },
      crashWorker: () => {
        client.send({ type: 'inject-fault', fault: 'throw' });
      },
      terminateWorker: () => {
        client.replace('The training worker was terminated.');
      },
      /** Beyond the page's limit of 10: a step at 1e30 makes any network's loss overflow. */
      setLearningRate: (learningRate: number) => {
        client.send({ type: 'set-settings', settings: { learningRate } });
      },
    },
  });
}

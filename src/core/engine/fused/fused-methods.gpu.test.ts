/** Every method's golden cases and a trained run on the fused WGSL kernels (Dawn in Node). */
import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';
import { describeMethodParity } from '../../../test-support/method-parity';
import { nodeGpuDevice } from '../../../test-support/node-gpu';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

describeMethodParity('fused WGSL', () => device);

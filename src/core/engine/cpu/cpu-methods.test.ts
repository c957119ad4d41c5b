/** Every method's golden cases and a trained run on the fused CPU engine (WebAssembly). */
import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';
import { describeMethodParity } from '../../../test-support/method-parity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describeMethodParity('fused CPU', () => 'cpu');

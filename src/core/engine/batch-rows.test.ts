/**
 * A batch's rows and labels: copied on the host on the wasm backend, gathered on the device
 * elsewhere — the same values either way.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { batchRows } from './batch-rows';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const features = 3;
const data = {
  features,
  xTrain: Float32Array.from({ length: 5 * features }, (_, i) => i / 10),
  yTrain: Int32Array.from([4, 3, 2, 1, 0]),
};
const rows = Int32Array.from([3, 0, 3, 4]);

async function onBackend(name: string): Promise<[number[][], number[]]> {
  await tf.setBackend(name);
  const device = {
    xTrain: tf.tensor2d(data.xTrain, [5, features]),
    yTrain: tf.tensor1d(data.yTrain, 'int32'),
  };
  const idx = tf.tensor1d(rows, 'int32');
  const { x, labels } = batchRows(rows, idx, data, device);
  const values: [number[][], number[]] = [x.arraySync(), labels.arraySync()];
  tf.dispose([device.xTrain, device.yTrain, idx, x, labels]);
  return values;
}

describe('a batch of training rows', () => {
  it('is the same rows and labels on wasm (copied on the host) as gathered on the device', async () => {
    const [x, labels] = await onBackend('wasm');
    expect(labels).toEqual([1, 4, 1, 0]);
    expect(x[0]?.map((v) => v.toFixed(1))).toEqual(['0.9', '1.0', '1.1']);
    expect([x, labels]).toEqual(await onBackend('cpu'));
  });
});

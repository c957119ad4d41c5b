import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEIGHT_FORMATS } from '../quant/quantize';
import { exportNetwork, importWeights, predictProbabilities } from './export';
import { dense } from '../layers';
import { createNetwork, disposeNetwork } from './network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp = () =>
  createNetwork({
    input: { features: 6 },
    hidden: [dense(5, 'relu', 0.3), dense(4, 'tanh', 0.3)],
    classes: 3,
    seed: 11,
    name: 'exp',
  });

/** What a person's own code does with the two downloaded files. */
async function load(exported: Awaited<ReturnType<typeof exportNetwork>>) {
  const group = exported.modelJson.weightsManifest[0];
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: exported.modelJson.modelTopology,
      weightSpecs: group?.weights,
      weightData: exported.weights,
    }),
  );
}

describe('exportNetwork', () => {
  const x = () => tf.randomUniform<tf.Rank.R2>([20, 6], -2, 2, 'float32', 3);

  it('loads back in tfjs from memory with identical predictions (fp32)', async () => {
    const model = mlp();
    const input = x();
    const exported = await exportNetwork(model, 'fp32', 'student.weights.bin');
    expect(exported.modelJson.weightsManifest[0]?.paths).toEqual(['student.weights.bin']);
    expect(exported.weights.byteLength).toBe((6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3) * 4);
    const loaded = await load(exported);
    const expected = predictProbabilities(model, input);
    const actual = loaded.predict(input) as tf.Tensor;
    expect(await actual.data()).toEqual(await expected.data());
    tf.dispose([input, expected, actual]);
    loaded.dispose();
    disposeNetwork(model);
  });

  it('writes fp16 and int8 at one half and one quarter of the bytes, within their error', async () => {
    const model = mlp();
    const input = x();
    const fp32 = await exportNetwork(model, 'fp32', 'w.bin');
    const expected = await predictProbabilities(model, input).data();
    for (const format of WEIGHT_FORMATS) {
      const exported = await exportNetwork(model, format, 'w.bin');
      const ratio = exported.weights.byteLength / fp32.weights.byteLength;
      expect(ratio).toBe({ fp32: 1, fp16: 0.5, int8: 0.25 }[format]);
      const loaded = await load(exported);
      const actual = loaded.predict(input) as tf.Tensor;
      const values = await actual.data();
      const worst = Math.max(...values.map((v, i) => Math.abs(v - (expected[i] as number))));
      expect(worst).toBeLessThan({ fp32: 1e-7, fp16: 5e-3, int8: 5e-2 }[format]);
      // The page measures accuracy on exactly what tfjs decodes from the file.
      const imported = importWeights(exported, model, `imported-${format}`);
      const mine = predictProbabilities(imported, input);
      expect(await mine.data()).toEqual(values);
      tf.dispose([actual, mine]);
      disposeNetwork(imported);
      loaded.dispose();
    }
    input.dispose();
    disposeNetwork(model);
  });

  it('leaves no tensors behind', async () => {
    const model = mlp();
    const before = tf.memory().numTensors;
    const exported = await exportNetwork(model, 'int8', 'w.bin');
    disposeNetwork(importWeights(exported, model, 'leak-check'));
    expect(tf.memory().numTensors).toBe(before);
    disposeNetwork(model);
  });
});

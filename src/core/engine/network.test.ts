import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv, dense, parameterCount } from '../layers';
import { exportNetwork } from './export';
import { ModelTrainer, disposeStepMetrics } from './trainer';
import { hardTerm } from './distill';
import {
  assignWeights,
  cloneNetwork,
  createNetwork,
  disposeNetwork,
  forward,
  modelParameters,
  networkVariables,
} from './network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const IMAGE = { features: 64, imageSide: 8 };
const cnnLayers = [conv(4, 3), conv(6, 5), dense(12, 'gelu', 0.2), dense(8, 'sigmoid')];
const cnn = (seed = 5) =>
  createNetwork({ input: IMAGE, hidden: cnnLayers, classes: 3, seed, name: 'cnn' });

describe('CNN builder', () => {
  it('creates kernels of the right shapes and as many parameters as the schema counts', () => {
    const model = cnn();
    expect(model.weights.map((w) => w.kernel.shape)).toEqual([
      [3, 3, 1, 4],
      [5, 5, 4, 6],
      // 8 → 4 → 2 after two poolings: 2·2·6 flattened.
      [24, 12],
      [12, 8],
      [8, 3],
    ]);
    const counted = networkVariables(model).reduce((n, v) => n + v.size, 0);
    expect(counted).toBe(modelParameters(model));
    expect(counted).toBe(parameterCount(IMAGE, cnnLayers, 3));
    disposeNetwork(model);
  });

  it('draws the same initial weights from the same seed, and clones them', async () => {
    const a = cnn(9);
    const b = cnn(9);
    const c = cloneNetwork(a, 'copy');
    const first = (m: typeof a) => (m.weights[0]?.kernel as tf.Variable).data();
    expect(await first(b)).toEqual(await first(a));
    expect(await first(c)).toEqual(await first(a));
    for (const m of [a, b, c]) disposeNetwork(m);
  });

  it('maps flat rows to logits and learns a batch without leaking tensors', async () => {
    const model = cnn();
    const trainer = new ModelTrainer(model);
    const x = tf.randomUniform<tf.Rank.R2>([16, 64], 0, 1, 'float32', 1);
    const labels = tf.tensor1d(
      Array.from({ length: 16 }, (_, i) => i % 3),
      'int32',
    );
    const logits = forward(model, x);
    expect(logits.shape).toEqual([16, 3]);
    logits.dispose();
    const losses: number[] = [];
    let afterFirst = 0;
    for (let step = 0; step < 30; step++) {
      const metrics = trainer.step(x, labels, (l) => hardTerm(l, labels), {
        learningRate: 0.01,
        dropoutSeed: 100 + step,
      });
      losses.push((await metrics.loss.data())[0] as number);
      disposeStepMetrics(metrics);
      // Adam creates its moments at the first step; after that the count must not move.
      if (step === 0) afterFirst = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) * 0.7);
    tf.dispose([x, labels]);
    trainer.dispose();
  });

  it('exports as Reshape/Conv2D/MaxPooling2D/Flatten/Dense and predicts the same in tfjs-layers', async () => {
    const model = cnn();
    const exported = await exportNetwork(model, 'fp32', 'w.bin');
    const group = exported.modelJson.weightsManifest[0];
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: exported.modelJson.modelTopology,
        weightSpecs: group?.weights,
        weightData: exported.weights,
      }),
    );
    expect(loaded.layers.map((l) => l.getClassName())).toEqual([
      'Reshape',
      'Conv2D',
      'MaxPooling2D',
      'Conv2D',
      'MaxPooling2D',
      'Flatten',
      'Dense',
      'Dense',
      'Dense',
    ]);
    const x = tf.randomUniform<tf.Rank.R2>([5, 64], 0, 1, 'float32', 2);
    const mine = tf.softmax(forward(model, x));
    const theirs = loaded.predict(x) as tf.Tensor;
    const a = await mine.data();
    const b = await theirs.data();
    const worst = Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));
    expect(worst).toBeLessThan(1e-6);
    tf.dispose([x, mine, theirs]);
    loaded.dispose();
    disposeNetwork(model);
  });
});

describe('assignWeights', () => {
  it('copies tensors or flat values in order, and changes nothing where one does not fit', async () => {
    const a = cnn(1);
    const b = cnn(2);
    const target = networkVariables(b);
    assignWeights(target, networkVariables(a));
    const values = (vars: tf.Variable[]) => Promise.all(vars.map((v) => v.data()));
    expect(await values(target)).toEqual(await values(networkVariables(a)));

    const before = await values(target);
    const flat = before.map((d) => new Float32Array(d.length).fill(0.5));
    flat[2] = new Float32Array(3);
    expect(() => {
      assignWeights(target, flat);
    }).toThrow(/^Weight 3 of 10 does not fit the network\.$/);
    expect(await values(target)).toEqual(before);

    flat[2] = new Float32Array(before[2]?.length ?? 0).fill(0.5);
    const tensors = tf.memory().numTensors;
    assignWeights(target, flat);
    expect(tf.memory().numTensors).toBe(tensors);
    expect((await target[2]?.data())?.[0]).toBe(0.5);
    disposeNetwork(a);
    disposeNetwork(b);
  });
});

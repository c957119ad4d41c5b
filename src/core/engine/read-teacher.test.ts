import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig, inputShape } from '../config';
import type { Dataset } from '../data/dataset';
import { Experiment } from './experiment';
import { reloadTeacher } from './load-teacher';
import { PROBABILITY_FLOOR } from './ready-teacher';
import { denseStack } from '../layers';
import { createRng } from '../rng';
import {
  type Mlp,
  type PickedFile,
  asFiles,
  graphModelFiles,
  layersModelFiles,
} from '../../test-support/model-files';
import { readTeacher } from './read-teacher';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MNIST: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'mnist',
  teacherHidden: denseStack([4]),
  studentHidden: denseStack([4]),
  labeledFraction: 1,
  transferSet: false,
};
const INPUT = inputShape(MNIST);

/** 300 rows shaped like MNIST's (28 × 28 pixels in [0, 1], 10 classes), not digits. */
function digitsLike(): Dataset {
  const rng = createRng(5);
  const rows = (n: number) => Float32Array.from({ length: n * 784 }, () => rng.next());
  const labels = (n: number) => Int32Array.from({ length: n }, (_, i) => i % 10);
  return {
    name: 'mnist',
    features: 784,
    classes: 10,
    xTrain: rows(200),
    yTrain: labels(200),
    xTest: rows(100),
    yTest: labels(100),
  };
}
const DATA = digitsLike();

/** Non-trivial batch-norm statistics, so the layer changes what passes through it. */
function perturbBatchNorm(model: tf.LayersModel): void {
  const rng = createRng(11);
  for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
    const values = layer.getWeights().map((w, i) =>
      tf.tensor(
        Float32Array.from({ length: w.size }, () =>
          i === 3 ? 0.5 + rng.next() : rng.next() - 0.5,
        ),
        w.shape,
      ),
    );
    layer.setWeights(values);
    tf.dispose(values);
  }
}

const L = tf.layers;

/** The models of the issue: built with tfjs-layers, as people save them from Keras. */
const MODELS: Record<string, () => tf.LayersModel> = {
  'Functional with a skip connection, softmax': () => {
    const input = tf.input({ shape: [784] });
    const a = L.dense({ units: 32, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const b = L.dense({ units: 32 }).apply(a) as tf.SymbolicTensor;
    const sum = L.add().apply([a, b]) as tf.SymbolicTensor;
    const act = L.activation({ activation: 'relu' }).apply(sum) as tf.SymbolicTensor;
    const out = L.dense({ units: 10, activation: 'softmax' }).apply(act) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: out });
  },
  'Sequential Dense + Activation, BatchNormalization, elu, softplus, logits': () =>
    tf.sequential({
      layers: [
        L.dense({ inputShape: [784], units: 24 }),
        L.activation({ activation: 'relu' }),
        L.batchNormalization(),
        L.dense({ units: 16, activation: 'elu' }),
        L.dense({ units: 16, activation: 'softplus' }),
        L.dense({ units: 10 }),
      ],
    }),
  'Functional image model: Conv2D, BatchNormalization, AveragePooling2D, 28×28×1': () => {
    const input = tf.input({ shape: [28, 28, 1] });
    let h = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(
      input,
    ) as tf.SymbolicTensor;
    h = L.batchNormalization().apply(h) as tf.SymbolicTensor;
    h = L.activation({ activation: 'relu' }).apply(h) as tf.SymbolicTensor;
    h = L.averagePooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
    h = L.flatten().apply(h) as tf.SymbolicTensor;
    h = L.dense({ units: 10 }).apply(h) as tf.SymbolicTensor;
    const out = L.softmax().apply(h) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: out });
  },
  'Sequential on 28×28 images': () =>
    tf.sequential({
      layers: [L.flatten({ inputShape: [28, 28] }), L.dense({ units: 10, activation: 'tanh' })],
    }),
};

/** What `predict` gives on the test rows, as logits (log p for probabilities). */
function expectedLogits(predict: (x: tf.Tensor2D) => tf.Tensor, softmax: boolean): Float32Array {
  return tf.tidy(() => {
    const out = predict(tf.tensor2d(DATA.xTrain, [200, 784])) as tf.Tensor2D;
    return (softmax ? tf.log(tf.maximum(out, PROBABILITY_FLOOR)) : out).dataSync() as Float32Array;
  });
}

async function softTargetsOf(picked: PickedFile[]) {
  const read = await readTeacher(asFiles(picked), INPUT, 10);
  if (!read.ok) throw new Error(read.error);
  const ready = await reloadTeacher(read.teacher, INPUT, 10);
  const exp = new Experiment(DATA, MNIST, ready);
  try {
    await exp.finishTeacher();
    const logits = (await exp.teacherOutputs?.soft.data()) as Float32Array;
    return { info: read.teacher.info, logits };
  } finally {
    exp.dispose();
  }
}

const worst = (a: Float32Array, b: Float32Array) =>
  Math.max(...Array.from(a, (x, i) => Math.abs(x - (b[i] as number))));

describe('an imported tfjs model as the teacher', () => {
  let tensorsBefore = 0;
  beforeAll(() => {
    tensorsBefore = tf.memory().numTensors;
  });
  afterAll(() => {
    // Every loaded copy is disposed with its experiment (or after the import's check).
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  for (const [name, build] of Object.entries(MODELS)) {
    it(`${name}: soft targets are model.predict's to 1e-5`, async () => {
      const model = build();
      perturbBatchNorm(model);
      const shape = model.inputs[0]?.shape.slice(1) as number[];
      const softmax = name.includes('softmax') || name.includes('image model');
      const want = expectedLogits(
        (x) => model.predict(tf.reshape(x, [-1, ...shape])) as tf.Tensor,
        softmax,
      );
      const picked = await layersModelFiles(model);
      model.dispose();
      const { info, logits } = await softTargetsOf(picked);
      expect(info).toMatchObject({ kind: 'layers', softmax, inputShape: shape, features: 784 });
      expect(info.parameters).toBeGreaterThan(0);
      expect(logits).toHaveLength(200 * 10);
      expect(worst(logits, want)).toBeLessThan(1e-5);
    });
  }

  it('a GraphModel (tfjs-converter format) imports the same way, softmax or logits', async () => {
    const rng = createRng(3);
    const values = (n: number) => Float32Array.from({ length: n }, () => rng.next() - 0.5);
    const mlp: Mlp = {
      inputs: 784,
      hidden: 16,
      outputs: 10,
      w1: values(784 * 16),
      b1: values(16),
      w2: values(16 * 10),
      b2: values(10),
    };
    const reference = (x: tf.Tensor2D) =>
      tf.add(
        tf.matMul(
          tf.relu(tf.add(tf.matMul(x, tf.tensor2d(mlp.w1, [784, 16])), mlp.b1)),
          tf.tensor2d(mlp.w2, [16, 10]),
        ),
        mlp.b2,
      );
    for (const softmax of [true, false]) {
      const want = expectedLogits(
        (x) => (softmax ? tf.softmax(reference(x)) : reference(x)),
        softmax,
      );
      const { info, logits } = await softTargetsOf(graphModelFiles(mlp, softmax));
      expect(info).toMatchObject({
        kind: 'graph',
        className: 'GraphModel',
        softmax,
        layers: softmax ? 6 : 5,
      });
      expect(info.parameters).toBe(784 * 16 + 16 + 16 * 10 + 10);
      expect(worst(logits, want)).toBeLessThan(1e-5);
    }
  });

  it('names each model that does not fit, and each file tfjs rejects', async () => {
    const made: tf.LayersModel[] = [];
    const dense = (inputs: number, units: number) => {
      made.push(tf.sequential({ layers: [L.dense({ inputShape: [inputs], units })] }));
      return made.at(-1) as tf.LayersModel;
    };
    const nan = dense(784, 10);
    const nanWeights = [tf.fill([784, 10], Number.NaN), tf.zeros([10])];
    nan.layers[0]?.setWeights(nanWeights);
    tf.dispose(nanWeights);
    const unknownLayer = await layersModelFiles(dense(784, 10));
    const json = JSON.parse(new TextDecoder().decode(unknownLayer[0]?.bytes)) as {
      modelTopology: { config: { layers: { class_name: string }[] } };
    };
    const first = json.modelTopology.config.layers[0];
    if (first) first.class_name = 'NoSuchLayer';
    unknownLayer[0] = { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) };
    const twoInputs = (() => {
      const a = tf.input({ shape: [784] });
      const b = tf.input({ shape: [784] });
      const out = L.dense({ units: 10 }).apply(L.concatenate().apply([a, b])) as tf.SymbolicTensor;
      made.push(tf.model({ inputs: [a, b], outputs: out }));
      return made.at(-1) as tf.LayersModel;
    })();
    const cases: [PickedFile[], RegExp][] = [
      [
        await layersModelFiles(dense(100, 10)),
        /takes inputs of shape \[100\]; this dataset's rows are \[784\] or \[28, 28\] or \[28, 28, 1\]/,
      ],
      [
        await layersModelFiles(dense(784, 5)),
        /outputs 5 values a row; this dataset has 10 classes/,
      ],
      [await layersModelFiles(nan), /gives non-finite outputs \(NaN or ∞\)/],
      [unknownLayer, /^TensorFlow\.js could not load model\.json: “.*NoSuchLayer/],
      [await layersModelFiles(twoInputs), /takes 2 inputs; a teacher takes one/],
    ];
    for (const [picked, message] of cases) {
      const read = await readTeacher(asFiles(picked), INPUT, 10);
      expect([message.source, read.ok ? 'accepted' : read.error]).toEqual([
        message.source,
        expect.stringMatching(message),
      ]);
    }
    for (const model of made) model.dispose();
  });

  it('refuses a pick without exactly one model.json', async () => {
    const read = await readTeacher([new File(['x'], 'a.bin')], INPUT, 10);
    expect(read).toEqual({
      ok: false,
      error: 'Pick one model.json together with its weight files (got 0 .json files).',
    });
  });
});

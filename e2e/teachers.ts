/**
 * Teachers made outside the playground, as a person would bring them: a Keras-style Functional
 * model built and fitted with tfjs in the test's own Node process, written as model.json plus
 * weights. Not a network the playground could train (batch norm, a skip connection).
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { imageSetDataset } from '../src/core/data/image-sets';
import { layersModelFiles } from '../src/test-support/model-files';

/**
 * A Functional MNIST teacher: Dense → BatchNormalization → ReLU, a second Dense added back to it
 * (a skip connection), softmax. Fitted for two epochs on the training rows of `seed`'s split (the
 * page's split for that seed, so the page's test rows are unseen). Returns the written paths.
 */
export async function functionalMnistTeacher(seed: number, dir: (name: string) => string) {
  await tf.setBackend('cpu');
  const bin = await readFile('public/data/mnist.bin');
  const data = imageSetDataset('mnist', new Uint8Array(bin).buffer, seed);
  const L = tf.layers;
  const input = tf.input({ shape: [28, 28, 1] });
  const flat = L.flatten().apply(input) as tf.SymbolicTensor;
  let h = L.dense({ units: 64 }).apply(flat) as tf.SymbolicTensor;
  h = L.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = L.activation({ activation: 'relu' }).apply(h) as tf.SymbolicTensor;
  const more = L.dense({ units: 64, activation: 'relu' }).apply(h) as tf.SymbolicTensor;
  const sum = L.add().apply([h, more]) as tf.SymbolicTensor;
  const out = L.dense({ units: 10, activation: 'softmax' }).apply(sum) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const rows = data.yTrain.length;
  const x = tf.tensor4d(data.xTrain, [rows, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(data.yTrain, 'int32'), 10);
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy' });
  await model.fit(x, y, { epochs: 2, batchSize: 64 });
  tf.dispose([x, y]);
  const files = await layersModelFiles(model, 'functional-bn');
  model.dispose();
  const paths: string[] = [];
  for (const f of files) {
    paths.push(dir(f.name));
    await writeFile(dir(f.name), f.bytes);
  }
  return paths;
}

/**
 * Teachers made outside the playground for the session tests: Keras-style tfjs models fitted on
 * the tiny run's own data. Only tests import this.
 */
import * as tf from '@tensorflow/tfjs';
import { generateSynthetic } from '../core/data/synthetic';
import { TINY_RUN } from './session-harness';

/** A Functional Moons teacher with batch norm, fitted for a few epochs on the run's own rows. */
export async function moonsTeacher(classes = 2): Promise<tf.LayersModel> {
  const input = tf.input({ shape: [2] });
  let h = tf.layers.dense({ units: 16 }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = tf.layers.activation({ activation: 'relu' }).apply(h) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: classes, activation: 'softmax' })
    .apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const data = generateSynthetic('moons', TINY_RUN.samples, TINY_RUN.noise, TINY_RUN.seed);
  const x = tf.tensor2d(data.xTrain, [data.yTrain.length, 2]);
  const y = tf.oneHot(tf.tensor1d(data.yTrain, 'int32'), classes);
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  await model.fit(x, y, { epochs: 20, batchSize: 32 });
  tf.dispose([x, y]);
  return model;
}

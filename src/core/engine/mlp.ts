import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../rng';
import { mlpParameterCount } from '../size';

/** A dense network held as plain variables, so the forward pass can use fused kernels. */
export interface Mlp {
  readonly inputDim: number;
  readonly hidden: readonly number[];
  readonly classes: number;
  readonly dropout: number;
  /** Kernel [fanIn, units] and bias [units] of each layer, output layer last. */
  readonly layers: readonly { kernel: tf.Variable; bias: tf.Variable }[];
}

export interface MlpSpec {
  inputDim: number;
  hidden: readonly number[];
  classes: number;
  dropout: number;
  seed: number;
  /** Name prefix of the variables, unique per live model. */
  name: string;
}

let modelCounter = 0;

/**
 * Glorot-uniform kernels drawn from the seeded RNG in JavaScript, so the same seed gives the same
 * initial weights on every backend; biases start at zero.
 */
export function createMlp(spec: MlpSpec): Mlp {
  const rng = createRng(deriveSeed(spec.seed, `init:${spec.name}`));
  const widths = [spec.inputDim, ...spec.hidden, spec.classes];
  const id = modelCounter++;
  const layers = widths.slice(1).map((units, i) => {
    const fanIn = widths[i] as number;
    const limit = Math.sqrt(6 / (fanIn + units));
    const values = new Float32Array(fanIn * units);
    for (let j = 0; j < values.length; j++) values[j] = (2 * rng.next() - 1) * limit;
    return {
      kernel: ownVariable(tf.tensor2d(values, [fanIn, units]), `${spec.name}_${id}/w${i}`),
      bias: ownVariable(tf.zeros([units]), `${spec.name}_${id}/b${i}`),
    };
  });
  return { ...spec, layers };
}

/** A new model with its own variables holding a copy of `source`'s current weights. */
export function cloneMlp(source: Mlp, name: string): Mlp {
  const id = modelCounter++;
  const layers = source.layers.map(({ kernel, bias }, i) => ({
    kernel: ownVariable(kernel.clone(), `${name}_${id}/w${i}`),
    bias: ownVariable(bias.clone(), `${name}_${id}/b${i}`),
  }));
  return { ...source, layers };
}

/** A trainable variable that takes over `initial`: the variable shares its data, so the tensor goes. */
function ownVariable(initial: tf.Tensor, name: string): tf.Variable {
  const v = tf.variable(initial, true, name);
  initial.dispose();
  return v;
}

export function mlpVariables(model: Mlp): tf.Variable[] {
  return model.layers.flatMap(({ kernel, bias }) => [kernel, bias]);
}

export function mlpParameters(model: Mlp): number {
  return mlpParameterCount(model.inputDim, model.hidden, model.classes);
}

/**
 * Logits for a batch. Each hidden layer is one fused matMul + bias + ReLU kernel, which matters on
 * WebGPU where the cost is per dispatch. `dropoutSeed` enables dropout (training only); a fresh
 * seed per step keeps masks different across steps yet reproducible.
 */
export function forward(model: Mlp, x: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D {
  const last = model.layers.length - 1;
  let h = x;
  model.layers.forEach(({ kernel, bias }, i) => {
    const isHidden = i < last;
    const activation = isHidden ? 'relu' : 'linear';
    h = tf.fused.matMul({ a: h, b: kernel, bias, activation }) as tf.Tensor2D;
    if (isHidden && dropoutSeed !== undefined && model.dropout > 0) {
      h = tf.dropout(h, model.dropout, undefined, dropoutSeed + i) as tf.Tensor2D;
    }
  });
  return h;
}

export function disposeMlp(model: Mlp): void {
  for (const v of mlpVariables(model)) v.dispose();
}

import * as tf from '@tensorflow/tfjs';
import {
  type Activation,
  type InputShape,
  type Layer,
  parameterCount,
  weightShapes,
} from '../layers';
import { createRng, deriveSeed } from '../rng';

/** Kernel and bias of one layer: [fanIn, units] for dense, [k, k, in, filters] for conv. */
export interface LayerWeights {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/** A network held as plain variables, so the forward pass can use fused kernels. */
export interface Network {
  readonly input: InputShape;
  readonly hidden: readonly Layer[];
  readonly classes: number;
  /** One entry per hidden layer, then the output layer. */
  readonly weights: readonly LayerWeights[];
}

export interface NetworkSpec {
  input: InputShape;
  hidden: readonly Layer[];
  classes: number;
  seed: number;
  /** Name prefix of the variables, unique per live model. */
  name: string;
}

let modelCounter = 0;

/**
 * Glorot-uniform kernels drawn from the seeded RNG in JavaScript, so the same seed gives the same
 * initial weights on every backend; biases start at zero. A conv kernel's fans count its
 * receptive field, as Keras does.
 */
export function createNetwork(spec: NetworkSpec): Network {
  const rng = createRng(deriveSeed(spec.seed, `init:${spec.name}`));
  const id = modelCounter++;
  const weights = weightShapes(spec.input, spec.hidden, spec.classes).map(({ kernel, bias }, i) => {
    const receptive = kernel.slice(0, -2).reduce((a, b) => a * b, 1);
    const fanIn = receptive * (kernel.at(-2) as number);
    const fanOut = receptive * (kernel.at(-1) as number);
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = new Float32Array(fanIn * (kernel.at(-1) as number));
    for (let j = 0; j < values.length; j++) values[j] = (2 * rng.next() - 1) * limit;
    return {
      kernel: ownVariable(tf.tensor(values, kernel), `${spec.name}_${id}/w${i}`),
      bias: ownVariable(tf.zeros([bias]), `${spec.name}_${id}/b${i}`),
    };
  });
  return { input: spec.input, hidden: spec.hidden, classes: spec.classes, weights };
}

/** A new model with its own variables holding a copy of `source`'s current weights. */
export function cloneNetwork(source: Network, name: string): Network {
  const id = modelCounter++;
  const weights = source.weights.map(({ kernel, bias }, i) => ({
    kernel: ownVariable(kernel.clone(), `${name}_${id}/w${i}`),
    bias: ownVariable(bias.clone(), `${name}_${id}/b${i}`),
  }));
  return { ...source, weights };
}

/** A trainable variable that takes over `initial`: the variable shares its data, so the tensor goes. */
function ownVariable(initial: tf.Tensor, name: string): tf.Variable {
  const v = tf.variable(initial, true, name);
  initial.dispose();
  return v;
}

export function networkVariables(model: Network): tf.Variable[] {
  return model.weights.flatMap(({ kernel, bias }) => [kernel, bias]);
}

/**
 * The one way weights go into a network: `values[i]` into `variables[i]` (a tensor as it is, flat
 * values in the variable's shape), every one checked to fit first, so a mismatch changes nothing.
 */
export function assignWeights(
  variables: readonly tf.Variable[],
  values: readonly (tf.Tensor | Float32Array)[],
): void {
  variables.forEach((v, i) => {
    const value = values[i];
    const size = value === undefined ? -1 : value instanceof tf.Tensor ? value.size : value.length;
    if (size !== v.size) {
      throw new Error(`Weight ${i + 1} of ${variables.length} does not fit the network.`);
    }
  });
  tf.tidy(() => {
    variables.forEach((v, i) => {
      const value = values[i] as tf.Tensor | Float32Array;
      v.assign(value instanceof tf.Tensor ? value : tf.tensor(value, v.shape));
    });
  });
}

/** Parameters of a built network: the count `config.networkParameters` gives for its layers. */
export function modelParameters(model: Network): number {
  return parameterCount(model.input, model.hidden, model.classes);
}

/**
 * Logits for a batch of flat rows. ReLU and sigmoid layers are one fused matMul (or conv) + bias +
 * activation kernel, which matters on WebGPU where the cost is per dispatch; tanh and GELU follow
 * as their own ops (GELU exact, with erf, as Keras's `gelu`). `dropoutSeed` enables dropout
 * (training only); a fresh seed per step keeps masks different across steps yet reproducible.
 */
export function forward(model: Network, x: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D {
  return forwardParts(model, x, dropoutSeed).logits;
}

/**
 * Logits, and the output of the last hidden layer before its dropout (what a FitNets hint
 * matches; null when that layer is not dense or there is none).
 */
export function forwardParts(
  model: Network,
  x: tf.Tensor2D,
  dropoutSeed?: number,
): { logits: tf.Tensor2D; lastHidden: tf.Tensor2D | null } {
  const rows = x.shape[0];
  let lastHidden: tf.Tensor2D | null = null;
  const side = model.input.imageSide ?? 0;
  let h: tf.Tensor = x;
  model.hidden.forEach((layer, i) => {
    const { kernel, bias } = model.weights[i] as LayerWeights;
    if (layer.kind === 'conv') {
      const image = h.rank === 4 ? h : tf.reshape(h, [rows, side, side, 1]);
      const filter = kernel as tf.Tensor4D;
      const x4 = image as tf.Tensor4D;
      const c = tf.fused.conv2d({
        x: x4,
        filter,
        bias,
        activation: 'relu',
        pad: 'same',
        strides: 1,
      });
      h = tf.maxPool(c, 2, 2, 'valid');
      lastHidden = null;
      return;
    }
    h = denseForward(flatten(h, rows), kernel as tf.Tensor2D, bias, layer.activation);
    lastHidden = h as tf.Tensor2D;
    if (dropoutSeed !== undefined && layer.dropout > 0) {
      h = tf.dropout(h, layer.dropout, undefined, dropoutSeed + i);
    }
  });
  const out = model.weights.at(-1) as LayerWeights;
  const b = out.kernel as tf.Tensor2D;
  const logits = tf.fused.matMul({ a: flatten(h, rows), b, bias: out.bias }) as tf.Tensor2D;
  return { logits, lastHidden };
}

function flatten(h: tf.Tensor, rows: number): tf.Tensor2D {
  return h.rank === 2 ? (h as tf.Tensor2D) : tf.reshape(h, [rows, -1]);
}

/** One dense layer with its activation; fused into one kernel where tfjs can fuse it. */
export function denseForward(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  bias: tf.Tensor,
  activation: Activation,
): tf.Tensor2D {
  if (activation === 'relu' || activation === 'sigmoid') {
    return tf.fused.matMul({ a, b, bias, activation }) as tf.Tensor2D;
  }
  const z = tf.fused.matMul({ a, b, bias }) as tf.Tensor2D;
  if (activation === 'tanh') return tf.tanh(z);
  // In Keras's order of operations, so an exported model predicts the same bits.
  return tf.mul(z, tf.mul(0.5, tf.add(1, tf.erf(tf.div(z, Math.SQRT2)))));
}

export function disposeNetwork(model: Network): void {
  for (const v of networkVariables(model)) v.dispose();
}

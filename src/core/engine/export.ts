import * as tf from '@tensorflow/tfjs';
import {
  BYTES_PER_VALUE,
  type WeightFormat,
  quantizeUint8,
  toFloat16Bits,
} from '../quant/quantize';
import { type Network, forward, networkVariables } from './network';

/** What a download holds: `model.json` (weights manifest inside) and its one weights file. */
export interface ExportedModel {
  modelJson: tf.io.ModelJSON;
  weights: ArrayBuffer;
}

/**
 * The network as a Keras-style LayersModel with the same activations and a softmax output, so a
 * `predict` on the loaded model gives class probabilities. Image input is reshaped to 28×28×1 for
 * the conv blocks (Conv2D + MaxPooling2D) and flattened before the dense layers. Dropout is a
 * training-time detail and is left out. The caller disposes the model.
 */
export async function toLayersModel(network: Network): Promise<tf.Sequential> {
  const model = tf.sequential();
  const { features, imageSide } = network.input;
  const first = { inputShape: [features] };
  let flat = true;
  if (network.hidden[0]?.kind === 'conv' && imageSide) {
    model.add(tf.layers.reshape({ ...first, targetShape: [imageSide, imageSide, 1] }));
    flat = false;
  }
  const shaped = () => (model.layers.length === 0 ? first : {});
  for (const layer of network.hidden) {
    if (layer.kind === 'conv') {
      model.add(
        tf.layers.conv2d({
          filters: layer.filters,
          kernelSize: layer.kernel,
          padding: 'same',
          activation: 'relu',
        }),
      );
      model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid' }));
      continue;
    }
    if (!flat) model.add(tf.layers.flatten());
    flat = true;
    model.add(tf.layers.dense({ units: layer.units, activation: layer.activation, ...shaped() }));
  }
  if (!flat) model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: network.classes, activation: 'softmax', ...shaped() }));
  const values = networkVariables(network);
  model.setWeights(values);
  // setWeights reads synchronously; awaiting a read first keeps that off a busy GPU queue.
  await Promise.all(values.map((v) => v.data()));
  return model;
}

/**
 * Serializes `network` as `model.json` + weights in the format tfjs-converter writes, with fp16 or
 * affine-uint8 quantization recorded in the manifest so `tf.loadLayersModel` dequantizes it.
 */
export async function exportNetwork(
  network: Network,
  format: WeightFormat,
  weightsFile: string,
): Promise<ExportedModel> {
  const model = await toLayersModel(network);
  try {
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler((a) => {
        artifacts = a;
        return Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) });
      }),
    );
    const saved = artifacts as tf.io.ModelArtifacts | null;
    if (!saved?.weightSpecs || !saved.weightData || !saved.modelTopology) {
      throw new Error('tfjs produced no weights to export');
    }
    const fp32 = tf.io.CompositeArrayBuffer.join(saved.weightData);
    const { specs, weights } = encode(saved.weightSpecs, fp32, format);
    return {
      modelJson: {
        modelTopology: saved.modelTopology,
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: `Distill Playground (${format})`,
        weightsManifest: [{ paths: [weightsFile], weights: specs }],
      },
      weights,
    };
  } finally {
    model.dispose();
  }
}

function encode(
  specs: tf.io.WeightsManifestEntry[],
  fp32: ArrayBuffer,
  format: WeightFormat,
): { specs: tf.io.WeightsManifestEntry[]; weights: ArrayBuffer } {
  if (format === 'fp32') return { specs, weights: fp32 };
  const total = specs.reduce((n, s) => n + size(s.shape), 0);
  const out = new Uint8Array(total * BYTES_PER_VALUE[format]);
  let readOffset = 0;
  let writeOffset = 0;
  const encoded = specs.map((spec) => {
    const n = size(spec.shape);
    const values = new Float32Array(fp32, readOffset, n);
    readOffset += n * 4;
    if (format === 'fp16') {
      const bits = toFloat16Bits(values);
      out.set(new Uint8Array(bits.buffer), writeOffset);
      writeOffset += bits.byteLength;
      return { ...spec, quantization: { dtype: 'float16' as const } };
    }
    const { data, scale, min } = quantizeUint8(values);
    out.set(data, writeOffset);
    writeOffset += data.byteLength;
    return { ...spec, quantization: { dtype: 'uint8' as const, scale, min } };
  });
  return { specs: encoded, weights: out.buffer };
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * A model with the weights a download of `exported` would load, decoded by tfjs itself, so the
 * accuracy measured on it is the accuracy of the file. The caller disposes it.
 */
export function importWeights(exported: ExportedModel, like: Network, name: string): Network {
  const group = exported.modelJson.weightsManifest[0];
  if (!group) throw new Error('The export has no weights manifest');
  const named = tf.io.decodeWeights(exported.weights, group.weights);
  const tensors = group.weights.map((spec) => named[spec.name] as tf.Tensor);
  const weights = like.weights.map((_, i) => ({
    kernel: tf.variable(tensors[2 * i] as tf.Tensor, false, `${name}/w${i}`),
    bias: tf.variable(tensors[2 * i + 1] as tf.Tensor, false, `${name}/b${i}`),
  }));
  tf.dispose(tensors);
  return { ...like, weights };
}

/** Class probabilities of the exported network, as the loaded LayersModel computes them. */
export function predictProbabilities(network: Network, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(forward(network, x)));
}

/**
 * TensorFlow.js models as the files a person would pick: `model.json` and one weights file, for
 * LayersModels built in a test and for GraphModels written here in tfjs-converter's format. Only
 * tests (unit and end-to-end) import this.
 */
import * as tf from '@tensorflow/tfjs';

export interface PickedFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** A saved model's files, named `<stem>.json` and `<stem>.weights.bin`. */
function files(
  stem: string,
  json: Record<string, unknown>,
  weightSpecs: tf.io.WeightsManifestEntry[],
  weightData: ArrayBuffer,
): PickedFile[] {
  const bin = `${stem}.weights.bin`;
  const modelJson = { ...json, weightsManifest: [{ paths: [bin], weights: weightSpecs }] };
  return [
    { name: `${stem}.json`, bytes: new TextEncoder().encode(JSON.stringify(modelJson)) },
    { name: bin, bytes: new Uint8Array(weightData) },
  ];
}

/** `model` as tfjs's `model.save` writes it. */
export async function layersModelFiles(
  model: tf.LayersModel,
  stem = 'model',
): Promise<PickedFile[]> {
  let saved: PickedFile[] = [];
  await model.save(
    tf.io.withSaveHandler((a) => {
      saved = files(
        stem,
        { format: 'layers-model', generatedBy: 'test', modelTopology: a.modelTopology },
        a.weightSpecs ?? [],
        a.weightData as ArrayBuffer,
      );
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  return saved;
}

/** A two-layer perceptron's weights: x·w1 + b1, ReLU, ·w2 + b2. */
export interface Mlp {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  inputs: number;
  hidden: number;
  outputs: number;
}

const float = { dtype: { type: 'DT_FLOAT' } };
const shapeOf = (dims: number[]) => ({ dim: dims.map((d) => ({ size: String(d) })) });
const constant = (name: string, dims: number[]) => ({
  name,
  op: 'Const',
  attr: { ...float, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: shapeOf(dims) } } },
});
const op = (name: string, kind: string, input: string[], attr: Record<string, unknown> = {}) => ({
  name,
  op: kind,
  input,
  attr: { T: { type: 'DT_FLOAT' }, ...attr },
});

/**
 * `mlp` as a GraphModel, as tfjs-converter writes a frozen TensorFlow graph: Placeholder, Const
 * weights, MatMul, BiasAdd, Relu, and a Softmax when `softmax`.
 */
export function graphModelFiles(mlp: Mlp, softmax: boolean, stem = 'graph'): PickedFile[] {
  const { inputs, hidden, outputs } = mlp;
  const matmul = { transpose_a: { b: false }, transpose_b: { b: false } };
  const node = [
    {
      name: 'x',
      op: 'Placeholder',
      attr: { ...float, shape: { shape: shapeOf([-1, inputs]) } },
    },
    constant('dense/kernel', [inputs, hidden]),
    constant('dense/bias', [hidden]),
    constant('out/kernel', [hidden, outputs]),
    constant('out/bias', [outputs]),
    op('dense/MatMul', 'MatMul', ['x', 'dense/kernel'], matmul),
    op('dense/BiasAdd', 'BiasAdd', ['dense/MatMul', 'dense/bias']),
    op('dense/Relu', 'Relu', ['dense/BiasAdd']),
    op('out/MatMul', 'MatMul', ['dense/Relu', 'out/kernel'], matmul),
    op('out/BiasAdd', 'BiasAdd', ['out/MatMul', 'out/bias']),
    ...(softmax ? [op('out/Softmax', 'Softmax', ['out/BiasAdd'])] : []),
  ];
  const specs: tf.io.WeightsManifestEntry[] = [
    { name: 'dense/kernel', shape: [inputs, hidden], dtype: 'float32' },
    { name: 'dense/bias', shape: [hidden], dtype: 'float32' },
    { name: 'out/kernel', shape: [hidden, outputs], dtype: 'float32' },
    { name: 'out/bias', shape: [outputs], dtype: 'float32' },
  ];
  const data = new Float32Array(mlp.w1.length + mlp.b1.length + mlp.w2.length + mlp.b2.length);
  let at = 0;
  for (const part of [mlp.w1, mlp.b1, mlp.w2, mlp.b2]) {
    data.set(part, at);
    at += part.length;
  }
  const json = {
    format: 'graph-model',
    generatedBy: 'test',
    convertedBy: 'test',
    modelTopology: { node, library: {}, versions: { producer: 1 } },
  };
  return files(stem, json, specs, data.buffer);
}

/** Picked files as the browser hands them to the worker. */
export function asFiles(picked: readonly PickedFile[]): File[] {
  return picked.map((f) => new File([f.bytes], f.name));
}

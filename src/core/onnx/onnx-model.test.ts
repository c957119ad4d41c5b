/**
 * Exported .onnx files read back by ONNX Runtime (onnxruntime-web's wasm build, in Node): the
 * same probabilities as the playground's own models, for an MLP of every activation and a CNN.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictProbabilities } from '../engine/export';
import { type Network, createNetwork } from '../engine/network';
import { type InputShape, type Layer, conv, dense } from '../layers';
import { createRng } from '../rng';
import { ONNX_OPSET, onnxModel } from './onnx-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

async function weightsOf(net: Network): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const { kernel, bias } of net.weights) {
    out.push((await kernel.data()) as Float32Array, (await bias.data()) as Float32Array);
  }
  return out;
}

async function compare(input: InputShape, hidden: Layer[], classes: number, rows: number) {
  const net = createNetwork({ input, hidden, classes, seed: 9, name: 'onnx' });
  const rng = createRng(4);
  const x = Float32Array.from({ length: rows * input.features }, () => rng.next());
  const expected = await predictProbabilities(net, tf.tensor2d(x, [rows, input.features])).data();
  const bytes = onnxModel({ input, hidden, classes, weights: await weightsOf(net), name: 'test' });
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const feed = { input: new ort.Tensor('float32', x, [rows, input.features]) };
  const out = (await session.run(feed)).probabilities;
  await session.release();
  expect(out?.dims).toEqual([rows, classes]);
  const actual = out?.data as Float32Array;
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(1e-5);
  }
  return bytes;
}

describe('ONNX export', () => {
  it.each(['relu', 'tanh', 'sigmoid', 'gelu'] as const)(
    'an MLP with %s layers predicts what the playground does',
    async (activation) => {
      await compare({ features: 12 }, [dense(16, activation, 0.3), dense(8, activation)], 5, 7);
    },
  );

  it('a CNN (conv–pool blocks, then dense) predicts what the playground does', async () => {
    const input = { features: 784, imageSide: 28 };
    await compare(input, [conv(4, 3), conv(6, 5), dense(16, 'gelu')], 10, 3);
  });

  it('is a valid opset-17 model: named input and output, every initializer used', async () => {
    const bytes = await compare({ features: 4 }, [dense(3, 'relu')], 2, 2);
    const model = onnxProto.onnx.ModelProto.decode(bytes);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    const graph = model.graph;
    if (!graph) throw new Error('no graph');
    const names = (list: { name?: string | null }[] | null | undefined) =>
      (list ?? []).map((v) => v.name ?? '');
    expect(names(graph.input)).toEqual(['input']);
    expect(names(graph.output)).toEqual(['probabilities']);
    const nodes = graph.node ?? [];
    const used = new Set(nodes.flatMap((n) => n.input ?? []));
    for (const name of names(graph.initializer)) expect(used.has(name)).toBe(true);
    // Every node's inputs exist before it: the graph is in topological order.
    const known = new Set(['input', ...names(graph.initializer)]);
    for (const node of nodes) {
      for (const name of node.input ?? [])
        expect(known.has(name), `${node.opType ?? ''} reads ${name}`).toBe(true);
      for (const name of node.output ?? []) known.add(name);
    }
  });
});

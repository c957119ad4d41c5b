import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportNetwork } from '../core/engine/export';
import { createNetwork, disposeNetwork, networkVariables } from '../core/engine/network';
import { checkTeacherFiles } from '../core/import/teacher-file';
import { conv, dense } from '../core/layers';
import { readTeacher } from './import-teacher';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const INPUT = { features: 64, imageSide: 8 };
const LAYERS = [conv(2, 3), dense(5, 'tanh')];

/** A teacher exported by the page's own code: model.json text and its weights file. */
async function exported(format: 'fp32' | 'int8' = 'fp32') {
  const net = createNetwork({ input: INPUT, hidden: LAYERS, classes: 3, seed: 3, name: 't' });
  const out = await exportNetwork(net, format, 'teacher.weights.bin');
  const values = await Promise.all(networkVariables(net).map((v) => v.data()));
  disposeNetwork(net);
  return {
    json: out.modelJson as unknown as Record<string, unknown>,
    weights: out.weights,
    values,
  };
}

const files = (bytes: number) => [
  { name: 'model.json', size: 1 },
  { name: 'teacher.weights.bin', size: bytes },
];

describe('checkTeacherFiles', () => {
  it('accepts an export of this page and reads its layers and its softmax output', async () => {
    const { json, weights } = await exported();
    const check = checkTeacherFiles(JSON.stringify(json), files(weights.byteLength), INPUT, 3);
    expect(check).toMatchObject({ ok: true, teacher: { layers: LAYERS, softmax: true } });
  });

  it('names each bad case', async () => {
    const { json, weights } = await exported();
    const bytes = weights.byteLength;
    const topology = json.modelTopology as { config: { layers: Record<string, unknown>[] } };
    const layers = topology.config.layers;
    const withLayers = (change: (l: Record<string, unknown>[]) => Record<string, unknown>[]) =>
      JSON.stringify({
        ...json,
        modelTopology: { ...topology, config: { layers: change(structuredClone(layers)) } },
      });
    const last = layers.length - 1;
    const cases: [string, { name: string; size: number }[], RegExp, number?][] = [
      ['{"modelTopology": ', files(bytes), /^model\.json is not valid JSON/],
      ['[1, 2]', files(bytes), /does not hold a JSON object/],
      [
        JSON.stringify({ ...json, format: 'graph-model' }),
        files(bytes),
        /"graph-model" model, not a LayersModel/,
      ],
      [JSON.stringify({ ...json, modelTopology: undefined }), files(bytes), /no modelTopology/],
      [
        JSON.stringify({ ...json, modelTopology: { ...topology, class_name: 'Functional' } }),
        files(bytes),
        /Only Sequential models can be imported \(this one is "Functional"\)/,
      ],
      [
        withLayers((l) => [
          ...l.slice(0, 4),
          { class_name: 'BatchNormalization', config: {} },
          ...l.slice(4),
        ]),
        files(bytes),
        /^Layer 5 is a BatchNormalization layer/,
      ],
      [JSON.stringify({ ...json, weightsManifest: [] }), files(bytes), /no weightsManifest/],
      [
        JSON.stringify(json),
        [{ name: 'model.json', size: 1 }],
        /"teacher\.weights\.bin" named in model\.json was not selected/,
      ],
      [
        JSON.stringify(json),
        files(bytes - 4),
        new RegExp(`declares ${bytes} bytes of weights, but the weight files hold ${bytes - 4}`),
      ],
      [
        JSON.stringify(json),
        files(bytes),
        /The model takes 64 inputs; this dataset has 2 features/,
        2,
      ],
      [
        JSON.stringify(json),
        files(bytes),
        /The output layer has 3 units; this dataset has 4 classes/,
      ],
      [
        withLayers((l) =>
          l.map((x, i) =>
            i === last ? { ...x, config: { ...(x.config as object), activation: 'relu' } } : x,
          ),
        ),
        files(bytes),
        /output layer's activation is "relu"; softmax or linear/,
      ],
      [
        withLayers((l) =>
          l.map((x, i) =>
            i === last - 1 ? { ...x, config: { ...(x.config as object), activation: 'elu' } } : x,
          ),
        ),
        files(bytes),
        /uses activation "elu"/,
      ],
    ];
    for (const [text, picked, message, features] of cases) {
      const input = features === undefined ? INPUT : { features };
      const classes = message.source.includes('4 classes') ? 4 : 3;
      const check = checkTeacherFiles(text, picked, input, classes);
      expect([message.source, check.ok ? 'accepted' : check.error]).toEqual([
        message.source,
        expect.stringMatching(message),
      ]);
    }
  });

  it('takes logits (a linear output) as well as softmax', async () => {
    const { json, weights } = await exported();
    const topology = json.modelTopology as {
      config: { layers: { config: Record<string, unknown> }[] };
    };
    const out = topology.config.layers.at(-1);
    if (out) out.config.activation = 'linear';
    const check = checkTeacherFiles(JSON.stringify(json), files(weights.byteLength), INPUT, 3);
    expect(check).toMatchObject({ ok: true, teacher: { softmax: false } });
  });
});

describe('readTeacher', () => {
  it('decodes fp32 and int8 exports into the weights that were exported', async () => {
    for (const format of ['fp32', 'int8'] as const) {
      const { json, weights, values } = await exported(format);
      const picked = [
        new File([JSON.stringify(json)], 'model.json'),
        new File([weights], 'teacher.weights.bin'),
      ];
      const read = await readTeacher(picked, INPUT, 3);
      if (!read.ok) throw new Error(read.error);
      expect(read.teacher.layers).toEqual(LAYERS);
      expect(read.teacher.values).toHaveLength(values.length);
      const worst = Math.max(
        ...read.teacher.values.flatMap((v, i) =>
          Array.from(v, (x, j) => Math.abs(x - ((values[i] as Float32Array)[j] as number))),
        ),
      );
      expect(worst).toBeLessThan(format === 'fp32' ? 1e-12 : 0.02);
    }
  });

  it('refuses a pick without exactly one model.json', async () => {
    const read = await readTeacher([new File(['x'], 'a.bin')], INPUT, 3);
    expect(read).toEqual({
      ok: false,
      error: 'Pick one model.json together with its weight files (got 0 .json files).',
    });
  });
});

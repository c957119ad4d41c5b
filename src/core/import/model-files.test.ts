import { describe, expect, it } from 'vitest';
import { checkModelFiles } from './model-files';

const manifest = [
  {
    paths: ['w.bin'],
    weights: [
      { name: 'k', shape: [4, 3], dtype: 'float32' },
      { name: 'b', shape: [3], dtype: 'float32' },
    ],
  },
];
const topology = {
  class_name: 'Functional',
  config: { layers: [{ class_name: 'InputLayer' }, { class_name: 'Dense' }] },
};
const good = { format: 'layers-model', modelTopology: topology, weightsManifest: manifest };
const picked = (bytes = 60) => [
  { name: 'model.json', size: 100 },
  { name: 'w.bin', size: bytes },
];

describe('checkModelFiles', () => {
  it('passes a LayersModel and a GraphModel, counting parameters, bytes and layers', () => {
    expect(checkModelFiles(JSON.stringify(good), picked())).toMatchObject({
      ok: true,
      model: { format: 'layers-model', className: 'Functional', layers: 1, parameters: 15 },
    });
    const graph = {
      modelTopology: { node: [{ op: 'Placeholder' }, { op: 'Const' }, { op: 'MatMul' }] },
      weightsManifest: manifest,
    };
    // No format field: the topology's nodes say it is a graph.
    expect(checkModelFiles(JSON.stringify(graph), picked())).toMatchObject({
      ok: true,
      model: { format: 'graph-model', className: 'GraphModel', layers: 1, bytes: 60 },
    });
  });

  it('names each bad file before any weight is read', () => {
    const cases: [string, { name: string; size: number }[], RegExp][] = [
      ['{"modelTopology": ', picked(), /^model\.json is not valid JSON/],
      ['[1, 2]', picked(), /does not hold a JSON object/],
      [JSON.stringify({ ...good, format: 'tfjs-other' }), picked(), /"tfjs-other" model; a Layers/],
      [JSON.stringify({ ...good, modelTopology: undefined }), picked(), /no modelTopology/],
      [JSON.stringify({ ...good, weightsManifest: [] }), picked(), /no weightsManifest/],
      [
        JSON.stringify({ ...good, weightsManifest: [{ paths: ['w.bin'], weights: [{}] }] }),
        picked(),
        /lacks a name, an integer shape or a dtype/,
      ],
      [JSON.stringify(good), [{ name: 'model.json', size: 1 }], /"w\.bin" named in model\.json/],
      [
        JSON.stringify(good),
        picked(56),
        /declares 60 bytes of weights, but the weight files hold 56/,
      ],
    ];
    for (const [text, files, message] of cases) {
      const check = checkModelFiles(text, files);
      expect([message.source, check.ok ? 'accepted' : check.error]).toEqual([
        message.source,
        expect.stringMatching(message),
      ]);
    }
  });
});

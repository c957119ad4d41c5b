/**
 * Every parser of what a person hands the page, thrown thousands of inputs (fast-check, fixed
 * seed; FUZZ_RUNS for more): the URL hash and every field in it, a CSV, a model's files. The
 * property: a value or a named error — never another throw, never longer than MAX_MS an input,
 * and nothing the page already holds changed.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FUZZ, bounded, nastyText } from '../test-support/fuzz';
import { WORST_CSVS, WORST_LINKS, WORST_MODEL_FILES } from '../test-support/worst-cases';
import { DEFAULT_CONFIG } from './config';
import { validateConfig } from './config-check';
import { datasetFromTable, tableFromRows } from './data/csv';
import { MAX_WEIGHT_BYTES, checkModelFiles } from './import/model-files';
import { decodeHash, encodeHash } from './url-hash';

const HASH_KEYS = [
  'd',
  'n',
  'nz',
  't',
  's',
  'te',
  'se',
  'bs',
  'lr',
  'T',
  'a',
  'lf',
  'x',
  'seed',
  'r',
  'sch',
  'stu',
  'sl',
];

/** A value a link field might hold: junk, numbers, layer and student syntax, schedules. */
const fieldValue = fc.oneof(
  nastyText,
  fc.constantFrom(
    'mnist',
    'moons',
    'csv',
    '16/0.1,8gelu',
    'c8x3,64',
    '0:4:0.7:0.001,5:8:0.5:0.001',
  ),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('kd', 'dkd', 'ls', 'hint', 'scratch', 'bogus'),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'T',
              'alpha',
              'beta',
              'eps',
              'gamma',
              'hidden',
              'name',
              'ce',
              'warmup',
              'x',
            ),
            nastyText,
          ),
          { maxLength: 3 },
        ),
      ),
      { maxLength: 10 },
    )
    .map((students) =>
      students
        .map(([kind, keys]) => [kind, ...keys.map(([k, v]) => `${k}=${v}`)].join(':'))
        .join(','),
    ),
);

const hashText = fc.oneof(
  nastyText,
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...HASH_KEYS), nastyText), fieldValue), {
      maxLength: 20,
    })
    .map((pairs) => `#${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
);

describe('fuzzed parsers', () => {
  it('the URL hash: a valid configuration and notices, whatever the link', () => {
    const before = JSON.stringify(DEFAULT_CONFIG);
    fc.assert(
      fc.property(hashText, (hash) => {
        const decoded = bounded(() => decodeHash(hash));
        // Whatever was read is a configuration the page can train, and says what it dropped.
        expect(validateConfig(decoded.config)).toEqual({});
        expect(decoded.notices.length).toBeLessThanOrEqual(7);
        for (const n of decoded.notices) expect(n.length).toBeLessThan(400);
        // A link it wrote reads back to itself.
        expect(decodeHash(encodeHash(decoded.config)).config).toEqual(decoded.config);
      }),
      { ...FUZZ, examples: WORST_LINKS.map((hash) => [hash]) },
    );
    expect(JSON.stringify(DEFAULT_CONFIG)).toBe(before);
  });

  it('a CSV: a dataset or a sentence, from any text', () => {
    const cell = fc.oneof(
      nastyText,
      fc.double().map(String),
      fc.integer({ min: -3, max: 3 }).map(String),
    );
    // Tables of one width and enough rows, mostly numbers: inputs that get past the shape checks.
    const table = fc.integer({ min: 2, max: 6 }).chain((width) =>
      fc
        .array(
          fc.array(
            fc.oneof(
              { weight: 300, arbitrary: fc.integer({ min: -9, max: 9 }).map(String) },
              { weight: 1, arbitrary: nastyText },
            ),
            {
              minLength: width,
              maxLength: width,
            },
          ),
          { minLength: 10, maxLength: 60 },
        )
        .map((rows) => rows.map((r) => r.join(',')).join('\n')),
    );
    const csv = fc.oneof(
      table,
      nastyText,
      fc
        .array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 40 })
        .map((rows) => rows.map((r) => r.join(',')).join('\n')),
    );
    let datasets = 0;
    fc.assert(
      fc.property(csv, fc.nat({ max: 3 }), (text, labelColumn) => {
        bounded(() => {
          const parsed = Papa.parse<string[]>(text, { header: false, dynamicTyping: false });
          const table = tableFromRows('fuzz.csv', parsed.data);
          if (!table.ok) {
            expect(table.error).toMatch(/\S/);
            return;
          }
          const dataset = datasetFromTable(table.value, labelColumn, 1);
          if (!dataset.ok) expect(dataset.error).toMatch(/\S/);
          else {
            datasets += 1;
            expect(dataset.value.dataset.xTrain.every(Number.isFinite)).toBe(true);
          }
        });
      }),
      { ...FUZZ, examples: WORST_CSVS.map(({ text }) => [text, 2]) },
    );
    // Not only refusals: a share of the inputs became datasets.
    expect(datasets).toBeGreaterThan(FUZZ.numRuns / 20);
  });

  it("a model's files: checked or refused, huge declared shapes refused before any allocation", () => {
    const dim = fc.oneof(fc.nat({ max: 64 }), fc.constantFrom(2 ** 31, 2 ** 53, 1e12, -1, 0.5));
    const entry = fc.record({
      name: fc.oneof(fc.string(), fc.constant('dense/kernel')),
      shape: fc.oneof(fc.array(dim, { maxLength: 4 }), nastyText),
      dtype: fc.constantFrom('float32', 'int32', 'uint8', 'float16', 'complex64', 'bogus'),
    });
    const manifest = fc.array(
      fc.record({
        paths: fc.array(fc.constantFrom('w.bin', 'x.bin', '../w.bin'), { maxLength: 2 }),
        weights: fc.array(entry, { maxLength: 4 }),
      }),
      { maxLength: 2 },
    );
    const topology = fc.oneof(
      fc.constant({ class_name: 'Sequential', config: { layers: [] } }),
      fc.constant({ node: [] }),
      fc.anything(),
    );
    const modelJson = fc.oneof(
      nastyText,
      fc.json(),
      fc
        .record({
          format: fc.constantFrom('layers-model', 'graph-model', 'x'),
          modelTopology: topology,
          weightsManifest: manifest,
        })
        .map((j) => JSON.stringify(j)),
    );
    const files = fc.array(
      fc.record({
        name: fc.constantFrom('w.bin', 'x.bin', 'model.json'),
        size: fc.oneof(fc.nat(), fc.constant(MAX_WEIGHT_BYTES + 1)),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(modelJson, files, (json, picked) => {
        const check = bounded(() => checkModelFiles(json, picked));
        if (!check.ok) {
          expect(check.error).toMatch(/\S/);
          return;
        }
        expect(check.model.bytes).toBeLessThanOrEqual(MAX_WEIGHT_BYTES);
        expect(Number.isSafeInteger(check.model.parameters)).toBe(true);
      }),
      { ...FUZZ, examples: WORST_MODEL_FILES.map(({ json, files }) => [json, [...files]]) },
    );
  });
});

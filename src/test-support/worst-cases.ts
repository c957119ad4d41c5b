/**
 * The hardest inputs of each parser family, named: every one is an explicit example of the
 * property tests (parsers.fuzz.test.ts), and the end-to-end tests hand each to the page itself
 * (e2e/worst-cases.spec.ts). Each was picked for what it attacks, written next to it.
 */

/** Links: each must become a valid configuration and notices, the page unharmed. */
export const WORST_LINKS: readonly string[] = [
  // Broken percent-encoding, empty keys, markup.
  '#%E0%A4%A&&=&%%%<script>alert(1)</script>',
  // Overflowing numbers in every numeric field, and a NUL.
  '#n=1e309&nz=-1e309&te=Infinity&se=NaN&bs=-0&lr=1e-400&T=1e309&a=NaN&seed=9e99&r=\u0000',
  // Hundreds of students and schedule entries: the parsers must cap them, not loop over them.
  `#stu=${'dkd:beta=1e309:T=0:warmup=-1,'.repeat(200)}&sch=${'0:4:0.7:0.001,'.repeat(500)}`,
  // A layer list of 400 nines and conv blocks on tabular data.
  `#d=spiral&t=${'9'.repeat(400)}&s=c8x3,c8x3,c8x3`,
];

/** CSV files: each must be refused with a sentence, the dataset and results already held kept. */
export const WORST_CSVS: readonly { name: string; text: string }[] = [
  // Binary: NULs, a lone surrogate, a byte-order mark in the middle.
  { name: 'binary.csv', text: '\u0000\u0001,\uD800\n\uFEFF,\u0000\n' },
  // Numbers that overflow a double.
  { name: 'overflow.csv', text: `x,y,label\n${'1e309,2,a\n'.repeat(20)}${'3,4,b\n'.repeat(20)}` },
  // A quote never closed: the rest of the file is one field.
  { name: 'quote.csv', text: `x,y,label\n"1,2,a\n${'3,4,b\n'.repeat(30)}` },
  // A header and nothing under it.
  { name: 'header-only.csv', text: 'x1,x2,label\n' },
];

/** A model's files: model.json's text and the names and sizes of the files picked with it. */
export interface ModelFilesCase {
  what: string;
  json: string;
  files: readonly { name: string; size: number }[];
}

const layersModel = (weights: unknown) =>
  JSON.stringify({
    format: 'layers-model',
    modelTopology: { class_name: 'Sequential', config: { layers: [] } },
    weightsManifest: [{ paths: ['w.bin'], weights }],
  });

/** Model files: each must be refused before any allocation, with a sentence. */
export const WORST_MODEL_FILES: readonly ModelFilesCase[] = [
  {
    what: 'a declared shape of 2³¹ × 2³¹ floats (16 EB)',
    json: layersModel([{ name: 'dense/kernel', shape: [2 ** 31, 2 ** 31], dtype: 'float32' }]),
    files: [{ name: 'w.bin', size: 16 }],
  },
  {
    what: 'a weight of a type tfjs cannot hold, with a negative, fractional shape',
    json: layersModel([{ name: 'dense/kernel', shape: [-1, 0.5], dtype: 'complex64' }]),
    files: [{ name: 'w.bin', size: 16 }],
  },
  {
    what: 'model.json cut off in the middle',
    json: '{"format": "layers-model", "modelTopology": {"class_name": "Sequ',
    files: [],
  },
];

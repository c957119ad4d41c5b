/**
 * Checks an uploaded TensorFlow.js LayersModel (`model.json` plus weight files) before any weight
 * is read, and turns its layers into the playground's network schema. Every field is untrusted:
 * shapes and sizes are bounded and compared before anything is allocated. No tfjs here.
 */
import { clip } from '../clip';
import {
  ACTIVATIONS,
  type Activation,
  type InputShape,
  type Layer,
  conv,
  dense,
  layersProblem,
  weightShapes,
} from '../layers';

/** Larger model.json files are refused unread: a topology of a few layers is a few KB. */
export const MAX_MODEL_JSON_BYTES = 1_000_000;
/** Larger weight files are refused unread (the playground's own limit is 20 M parameters). */
export const MAX_WEIGHT_BYTES = 200_000_000;

/** Bytes per stored value of each dtype a weights manifest may name. */
const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  float16: 2,
  uint16: 2,
  uint8: 1,
  bool: 1,
};

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

/** What the worker needs to read the weights: the files in manifest order and their entries. */
export interface CheckedTeacher {
  layers: Layer[];
  /** Whether the model ends in softmax (probabilities) rather than logits. */
  softmax: boolean;
  /** Weight file names, in the order their bytes are concatenated. */
  paths: string[];
  entries: WeightEntry[];
  bytes: number;
}

export type TeacherCheck = { ok: true; teacher: CheckedTeacher } | { ok: false; error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (error: string): TeacherCheck => ({ ok: false, error });

/** The last part of a path, as a file picker names the file. */
function baseName(path: string): string {
  return path.split('/').at(-1) ?? path;
}

/**
 * Validates `jsonText` (the model.json) against the files a person picked and the dataset's
 * shape; names the first problem found.
 */
export function checkTeacherFiles(
  jsonText: string,
  files: readonly { name: string; size: number }[],
  input: InputShape,
  classes: number,
): TeacherCheck {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (e) {
    return fail(`model.json is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!isObject(json)) return fail('model.json does not hold a JSON object.');
  if (json.format !== undefined && json.format !== 'layers-model') {
    return fail(
      `model.json is a ${clip(JSON.stringify(json.format), 24)} model, not a LayersModel (format "layers-model").`,
    );
  }
  const topology = json.modelTopology;
  if (!isObject(topology)) return fail('model.json has no modelTopology object.');
  const layers = parseTopology(topology, input, classes);
  if (!layers.ok) return fail(layers.error);

  const manifest = readManifest(json.weightsManifest);
  if (!manifest.ok) return fail(manifest.error);
  const { paths, entries } = manifest;

  const expected = weightShapes(input, layers.hidden, classes).flatMap(({ kernel, bias }) => [
    kernel,
    [bias],
  ]);
  if (entries.length !== expected.length) {
    return fail(
      `The weights manifest lists ${entries.length} tensors; these layers need ${expected.length} (a kernel and a bias each).`,
    );
  }
  if (new Set(entries.map((e) => e.name)).size !== entries.length) {
    return fail('The weights manifest names a tensor twice.');
  }
  let declared = 0;
  for (const [i, entry] of entries.entries()) {
    const want = expected[i] as number[];
    if (entry.shape.join(',') !== want.join(',')) {
      return fail(
        `Weight ${i + 1} ("${clip(entry.name, 40)}") has shape [${entry.shape.join(', ')}]; the layers need [${want.join(', ')}].`,
      );
    }
    const dtype = entry.quantization?.dtype ?? entry.dtype;
    const bytes = DTYPE_BYTES[dtype];
    if (bytes === undefined) {
      return fail(`Weight ${i + 1} has an unknown dtype "${clip(dtype, 16)}".`);
    }
    declared += want.reduce((a, b) => a * b, 1) * bytes;
  }

  const byName = new Map(files.map((f) => [f.name, f]));
  let held = 0;
  for (const path of paths) {
    const file = byName.get(baseName(path));
    if (!file) {
      return fail(
        `The weight file "${clip(baseName(path), 60)}" named in model.json was not selected; pick it together with model.json.`,
      );
    }
    held += file.size;
  }
  if (held > MAX_WEIGHT_BYTES) {
    return fail(`The weight files hold ${held} bytes, more than the limit of ${MAX_WEIGHT_BYTES}.`);
  }
  if (held !== declared) {
    return fail(
      `model.json declares ${declared} bytes of weights, but the weight files hold ${held} bytes.`,
    );
  }
  return {
    ok: true,
    teacher: { layers: layers.hidden, softmax: layers.softmax, paths, entries, bytes: held },
  };
}

type ParsedLayers = { ok: true; hidden: Layer[]; softmax: boolean } | { ok: false; error: string };

/**
 * A Sequential topology as the playground's layers: Dense layers with relu/tanh/sigmoid/gelu, and
 * on images conv–pool blocks (same-padded Conv2D with ReLU, then 2×2 MaxPooling2D), ending in a
 * Dense layer of one unit per class with softmax or no activation. Reshape, Flatten, Dropout and
 * InputLayer carry no weights and are passed over.
 */
function parseTopology(topology: Json, input: InputShape, classes: number): ParsedLayers {
  const model = isObject(topology.model_config) ? topology.model_config : topology;
  if (model.class_name !== 'Sequential') {
    return {
      ok: false,
      error: `Only Sequential models can be imported (this one is "${clip(String(model.class_name), 24)}").`,
    };
  }
  const config = model.config;
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    return { ok: false, error: 'The model lists no layers.' };
  }
  if (list.length > 64)
    return { ok: false, error: `The model has ${list.length} layers; at most 64.` };

  const units: Layer[] = [];
  let inputWidth: number | undefined;
  let softmax = false;
  let outputSeen = false;
  for (const [i, raw] of (list as unknown[]).entries()) {
    const at = `Layer ${i + 1}`;
    if (!isObject(raw) || !isObject(raw.config))
      return { ok: false, error: `${at} is not an object.` };
    const kind = String(raw.class_name);
    const c = raw.config;
    const shape = c.batch_input_shape ?? c.batch_shape;
    if (Array.isArray(shape) && inputWidth === undefined) {
      const dims = shape.slice(1) as unknown[];
      inputWidth = dims.reduce<number>((a, b) => a * (typeof b === 'number' ? b : Number.NaN), 1);
    }
    if (outputSeen && kind !== 'Activation' && kind !== 'Softmax') {
      return { ok: false, error: `${at} (${clip(kind, 24)}) follows the output layer.` };
    }
    switch (kind) {
      case 'InputLayer':
      case 'Flatten':
      case 'Dropout':
      case 'Reshape':
        continue;
      case 'Activation':
      case 'Softmax':
        if (!outputSeen || (kind === 'Activation' && c.activation !== 'softmax')) {
          return {
            ok: false,
            error: `${at}: a separate activation is supported only as a final softmax.`,
          };
        }
        softmax = true;
        continue;
      case 'Conv2D': {
        const next = list[i + 1] as unknown;
        const k = Array.isArray(c.kernel_size) ? (c.kernel_size as unknown[]) : [];
        const strides = Array.isArray(c.strides) ? (c.strides as unknown[]).join(',') : '1,1';
        if (
          k.length !== 2 ||
          k[0] !== k[1] ||
          c.padding !== 'same' ||
          strides !== '1,1' ||
          c.activation !== 'relu' ||
          c.use_bias === false ||
          !isObject(next) ||
          next.class_name !== 'MaxPooling2D'
        ) {
          return {
            ok: false,
            error: `${at} (Conv2D) must be square, same-padded, stride 1, with ReLU and a bias, followed by MaxPooling2D — the playground's conv block.`,
          };
        }
        units.push(conv(Number(c.filters), Number(k[0])));
        continue;
      }
      case 'MaxPooling2D': {
        const pool = Array.isArray(c.pool_size) ? (c.pool_size as unknown[]).join(',') : '';
        const prev = list[i - 1] as unknown;
        if (pool !== '2,2' || !isObject(prev) || prev.class_name !== 'Conv2D') {
          return { ok: false, error: `${at} (MaxPooling2D) must pool 2×2 right after a Conv2D.` };
        }
        continue;
      }
      case 'Dense': {
        const activation = String(c.activation);
        if (c.use_bias === false) return { ok: false, error: `${at} (Dense) has no bias.` };
        const last = !(list as unknown[])
          .slice(i + 1)
          .some((l) => isObject(l) && l.class_name === 'Dense');
        if (last) {
          if (c.units !== classes) {
            return {
              ok: false,
              error: `The output layer has ${String(c.units)} units; this dataset has ${classes} classes.`,
            };
          }
          if (activation !== 'softmax' && activation !== 'linear') {
            return {
              ok: false,
              error: `The output layer's activation is "${clip(activation, 16)}"; softmax or linear (logits) is needed.`,
            };
          }
          softmax = activation === 'softmax';
          outputSeen = true;
          continue;
        }
        if (!(ACTIVATIONS as readonly string[]).includes(activation)) {
          return {
            ok: false,
            error: `${at} (Dense) uses activation "${clip(activation, 16)}"; the playground trains ${ACTIVATIONS.join(', ')}.`,
          };
        }
        units.push(dense(Number(c.units), activation as Activation));
        continue;
      }
      default:
        return {
          ok: false,
          error: `${at} is a ${clip(kind, 32)} layer, which the playground cannot hold (Dense, Conv2D + MaxPooling2D, Flatten, Dropout, Reshape).`,
        };
    }
  }
  if (!outputSeen) return { ok: false, error: 'The model has no Dense output layer.' };
  if (inputWidth !== undefined && inputWidth !== input.features) {
    return {
      ok: false,
      error: `The model takes ${String(inputWidth)} inputs; this dataset has ${input.features} features.`,
    };
  }
  const problem = layersProblem(units, input);
  return problem ? { ok: false, error: problem } : { ok: true, hidden: units, softmax };
}

type Manifest =
  { ok: true; paths: string[]; entries: WeightEntry[] } | { ok: false; error: string };

function readManifest(raw: unknown): Manifest {
  if (!Array.isArray(raw) || raw.length === 0) {
    return { ok: false, error: 'model.json has no weightsManifest.' };
  }
  const paths: string[] = [];
  const entries: WeightEntry[] = [];
  for (const group of raw as unknown[]) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      return { ok: false, error: 'A weightsManifest group lacks its paths or weights.' };
    }
    for (const p of group.paths as unknown[]) {
      if (typeof p !== 'string') return { ok: false, error: 'A weight file path is not a string.' };
      paths.push(p);
    }
    for (const w of group.weights as unknown[]) {
      if (
        !isObject(w) ||
        typeof w.name !== 'string' ||
        !Array.isArray(w.shape) ||
        !(w.shape as unknown[]).every((d) => Number.isInteger(d) && (d as number) >= 0) ||
        typeof w.dtype !== 'string'
      ) {
        return {
          ok: false,
          error: 'A weights manifest entry lacks a name, an integer shape or a dtype.',
        };
      }
      const q = w.quantization;
      entries.push({
        name: w.name,
        shape: w.shape as number[],
        dtype: w.dtype,
        ...(isObject(q) && typeof q.dtype === 'string'
          ? { quantization: q as WeightEntry['quantization'] & object }
          : {}),
      });
    }
  }
  return { ok: true, paths, entries };
}

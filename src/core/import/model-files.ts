/**
 * Checks an uploaded TensorFlow.js model (`model.json` plus weight files, a LayersModel or a
 * GraphModel) before any weight is read: the JSON, the weights manifest, the file set and sizes.
 * Every field is untrusted: sizes are bounded and compared before anything is allocated. What the
 * layers are is tfjs's business (the worker loads the model with it); no tfjs here.
 */
import { clip } from '../clip';

/** Larger model.json files are refused unread: a converted model's topology is some 100 KB. */
export const MAX_MODEL_JSON_BYTES = 5_000_000;
/** Larger weight files are refused unread: 50 M float32 parameters. */
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

/** A model.json that passed: what tfjs needs to load it, and what the page says of it. */
export interface CheckedModelFiles {
  format: 'layers-model' | 'graph-model';
  modelTopology: Record<string, unknown>;
  /** Weight file names, in the order their bytes are concatenated. */
  paths: string[];
  entries: WeightEntry[];
  bytes: number;
  /** Stored values in the weights: the model's parameter count. */
  parameters: number;
  /** A LayersModel's class ('Sequential', 'Functional', …); 'GraphModel' for a graph. */
  className: string;
  /** Layers of a LayersModel, nodes of a GraphModel. */
  layers: number;
}

export type ModelFilesCheck = { ok: true; model: CheckedModelFiles } | { ok: false; error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (error: string): ModelFilesCheck => ({ ok: false, error });

/** The last part of a path, as a file picker names the file. */
export function baseName(path: string): string {
  return path.split('/').at(-1) ?? path;
}

/** Validates `jsonText` (the model.json) against the files a person picked. */
export function checkModelFiles(
  jsonText: string,
  files: readonly { name: string; size: number }[],
): ModelFilesCheck {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (e) {
    return fail(`model.json is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!isObject(json)) return fail('model.json does not hold a JSON object.');
  const topology = json.modelTopology;
  if (!isObject(topology)) return fail('model.json has no modelTopology object.');
  const format = modelFormat(json.format, topology);
  if (!format.ok) return fail(format.error);

  const manifest = readManifest(json.weightsManifest);
  if (!manifest.ok) return fail(manifest.error);
  const { paths, entries } = manifest;
  if (new Set(entries.map((e) => e.name)).size !== entries.length) {
    return fail('The weights manifest names a tensor twice.');
  }
  let declared = 0;
  let parameters = 0;
  for (const [i, entry] of entries.entries()) {
    const dtype = entry.quantization?.dtype ?? entry.dtype;
    const bytes = DTYPE_BYTES[dtype];
    if (bytes === undefined) {
      return fail(`Weight ${i + 1} has an unknown dtype "${clip(dtype, 16)}".`);
    }
    const size = entry.shape.reduce((a, b) => a * b, 1);
    parameters += size;
    declared += size * bytes;
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
    model: {
      format: format.format,
      modelTopology: topology,
      paths,
      entries,
      bytes: held,
      parameters,
      ...describeTopology(format.format, topology),
    },
  };
}

type Format = { ok: true; format: CheckedModelFiles['format'] } | { ok: false; error: string };

/** The declared format, or the one the topology's shape says (old files omit the field). */
function modelFormat(declared: unknown, topology: Json): Format {
  if (declared === 'layers-model' || declared === 'graph-model') {
    return { ok: true, format: declared };
  }
  if (declared !== undefined) {
    return {
      ok: false,
      error: `model.json is a ${clip(JSON.stringify(declared), 24)} model; a LayersModel ("layers-model") or a GraphModel ("graph-model") is needed.`,
    };
  }
  return { ok: true, format: Array.isArray(topology.node) ? 'graph-model' : 'layers-model' };
}

/** The model's class and its count of layers (or graph nodes), for the page. */
function describeTopology(
  format: CheckedModelFiles['format'],
  topology: Json,
): { className: string; layers: number } {
  if (format === 'graph-model') {
    const nodes = Array.isArray(topology.node) ? (topology.node as unknown[]) : [];
    // Inputs and weights are nodes too; the operations are what the graph computes.
    const ops = nodes.filter((n) => isObject(n) && n.op !== 'Const' && n.op !== 'Placeholder');
    return { className: 'GraphModel', layers: ops.length };
  }
  const model = isObject(topology.model_config) ? topology.model_config : topology;
  const config = model.config;
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  const layers = Array.isArray(list)
    ? (list as unknown[]).filter((l) => !isObject(l) || l.class_name !== 'InputLayer').length
    : 0;
  const name = typeof model.class_name === 'string' ? model.class_name : 'LayersModel';
  // Keras 2 writes a Functional model's class as "Model".
  return { className: name === 'Model' ? 'Functional' : clip(name, 32), layers };
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

import * as tf from '@tensorflow/tfjs';
import { MAX_MODEL_JSON_BYTES, checkTeacherFiles } from '../core/import/teacher-file';
import type { Experiment } from '../core/engine/experiment';
import { networkVariables } from '../core/engine/network';
import { type InputShape, type Layer, formatLayers, parameterCount } from '../core/layers';
import type { FromWorker, ToWorker } from '../protocol/messages';
import { errorText } from './errors';

/** An uploaded teacher, checked and decoded: its layers and the values of each weight in order. */
export interface ImportedTeacher {
  name: string;
  layers: Layer[];
  parameters: number;
  /** Kernel then bias of each layer, output layer last, as float32 values. */
  values: Float32Array[];
}

export type ImportResult = { ok: true; teacher: ImportedTeacher } | { ok: false; error: string };

/**
 * Reads a LayersModel a person picked (model.json plus its weight files): checks it against the
 * dataset before reading any weight, then decodes the weights with tfjs itself (fp16 and uint8
 * quantization included).
 */
export async function readTeacher(
  files: readonly File[],
  input: InputShape,
  classes: number,
): Promise<ImportResult> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    return {
      ok: false,
      error: `Pick one model.json together with its weight files (got ${jsons.length} .json files).`,
    };
  }
  const json = jsons[0] as File;
  if (json.size > MAX_MODEL_JSON_BYTES) {
    return {
      ok: false,
      error: `${json.name} is ${json.size} bytes, more than the limit of ${MAX_MODEL_JSON_BYTES} for a model.json.`,
    };
  }
  const check = checkTeacherFiles(await json.text(), files, input, classes);
  if (!check.ok) return check;
  const { layers, paths, entries, bytes } = check.teacher;
  const byName = new Map(files.map((f) => [f.name, f]));
  const data = new Uint8Array(bytes);
  let offset = 0;
  for (const path of paths) {
    const file = byName.get(path.split('/').at(-1) ?? path);
    if (!file) return { ok: false, error: `The weight file "${path}" went missing.` };
    data.set(new Uint8Array(await file.arrayBuffer()), offset);
    offset += file.size;
  }
  const named = tf.io.decodeWeights(data.buffer, entries as tf.io.WeightsManifestEntry[]);
  const tensors = entries.map((e) => named[e.name] as tf.Tensor);
  try {
    const values = await Promise.all(tensors.map(async (t) => Float32Array.from(await t.data())));
    return {
      ok: true,
      teacher: {
        name: json.name,
        layers,
        parameters: parameterCount(input, layers, classes),
        values,
      },
    };
  } finally {
    tf.dispose(Object.values(named));
  }
}

/** Puts the imported teacher's weights into `exp`'s teacher; throws if the layers differ. */
export function assignImportedTeacher(exp: Experiment, imported: ImportedTeacher): void {
  if (formatLayers(imported.layers) !== formatLayers(exp.config.teacherHidden)) {
    throw new Error(
      `The teacher network was changed after ${imported.name} was imported; import it again or train a teacher.`,
    );
  }
  networkVariables(exp.teacher.model).forEach((v, i) => {
    const values = imported.values[i];
    if (values?.length !== v.size) {
      throw new Error(`${imported.name} does not fit this dataset's teacher (weight ${i + 1}).`);
    }
    tf.tidy(() => {
      v.assign(tf.tensor(values, v.shape));
    });
  });
}

/**
 * Answers an `import-teacher` request: the teacher read from `files`, or why not. `keep` receives
 * a teacher that passed every check; a failed import keeps the teacher imported before it.
 */
export async function answerImport(
  { requestId, files, input, classes }: Extract<ToWorker, { type: 'import-teacher' }>,
  keep: (teacher: ImportedTeacher) => void,
  post: (message: FromWorker) => void,
): Promise<void> {
  const read = await readTeacher(files, input, classes).catch((e: unknown) => ({
    ok: false as const,
    error: errorText(e),
  }));
  if (!read.ok) {
    post({ type: 'teacher-import', requestId, result: read });
    return;
  }
  keep(read.teacher);
  const { name, layers, parameters } = read.teacher;
  post({ type: 'teacher-import', requestId, result: { ok: true, name, layers, parameters } });
}

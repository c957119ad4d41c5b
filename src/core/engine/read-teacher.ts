/**
 * A teacher file read: the files a person picked (in the page, or the command line's --teacher-model)
 * checked, loaded by tfjs and tried on rows shaped like the dataset's; what passes is kept as the
 * model's artifacts, loaded again for each experiment.
 */
import { loadTeacher, modelArtifacts, modelFacts } from './load-teacher';
import type { ReadyTeacher } from './ready-teacher';
import { MAX_MODEL_JSON_BYTES, baseName, checkModelFiles } from '../import/model-files';
import type { InputShape } from '../layers';

/** An imported teacher: what the page says of it, and what tfjs loads it from. */
export type ImportedTeacher = Pick<ReadyTeacher, 'info' | 'artifacts'>;

export type ImportResult = { ok: true; teacher: ImportedTeacher } | { ok: false; error: string };

/**
 * Reads a model a person picked (model.json plus its weight files; a LayersModel or a GraphModel):
 * checks the files before reading any weight, then has tfjs load the model and run it on a few
 * rows shaped like the dataset's.
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
  const check = checkModelFiles(await json.text(), files);
  if (!check.ok) return check;
  const { paths, bytes } = check.model;
  const byName = new Map(files.map((f) => [f.name, f]));
  const data = new Uint8Array(bytes);
  let offset = 0;
  for (const path of paths) {
    const file = byName.get(baseName(path));
    if (!file) return { ok: false, error: `The weight file "${path}" went missing.` };
    data.set(new Uint8Array(await file.arrayBuffer()), offset);
    offset += file.size;
  }
  const artifacts = modelArtifacts(check.model, data.buffer);
  const load = await loadTeacher(artifacts, modelFacts(json.name, check.model), { input, classes });
  if (!load.ok) return load;
  // Checked; each experiment loads its own copy, on whatever backend it runs.
  const { info } = load.teacher;
  load.teacher.dispose();
  return { ok: true, teacher: { info, artifacts } };
}

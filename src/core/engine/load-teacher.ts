/**
 * Loads an uploaded model with tfjs itself and checks it against the dataset: its input shape, its
 * output width, and finite outputs on a few rows. The same artifacts are loaded again for every
 * experiment (on whatever backend it runs), so nothing of the model outlives its experiment.
 */
import * as tf from '@tensorflow/tfjs';
import { clip } from '../clip';
import { type ExperimentConfig, inputShape } from '../config';
import type { Dataset } from '../data/dataset';
import { Experiment } from './experiment';
import type { CheckedModelFiles } from '../import/model-files';
import type { TeacherInfo } from '../import/teacher-info';
import type { InputShape } from '../layers';
import { createRng } from '../rng';
import {
  type ModelFacts,
  type ReadyTeacher,
  acceptedInputShapes,
  modelRunner,
  readyTeacher,
} from './ready-teacher';

/** Loads a ready teacher again (another seed, another backend); throws where it no longer fits. */
export async function reloadTeacher(
  teacher: Pick<ReadyTeacher, 'artifacts' | 'info'>,
  input: InputShape,
  classes: number,
): Promise<ReadyTeacher> {
  const load = await loadTeacher(teacher.artifacts, teacher.info, { input, classes });
  if (!load.ok) throw new Error(load.error);
  return load.teacher;
}

/**
 * The experiment of `config` on `dataset`: its teacher a fresh copy of `teacher` where one was
 * imported (each experiment loads its own, on the backend in use), else the network it trains.
 * The run, its other seeds, a studied seed, the sweep and the command line all build it here.
 */
export async function buildExperiment(
  dataset: Dataset,
  config: ExperimentConfig,
  teacher: Pick<ReadyTeacher, 'artifacts' | 'info'> | null,
): Promise<Experiment> {
  const ready = teacher ? await reloadTeacher(teacher, inputShape(config), dataset.classes) : null;
  return new Experiment(dataset, config, ready);
}

/** Rows of the check's forward pass: a few, so a softmax output is told from logits for sure. */
const PROBE_ROWS = 8;

export type TeacherLoad = { ok: true; teacher: ReadyTeacher } | { ok: false; error: string };

/** The in-memory form tfjs loads from: the checked model.json and its weight bytes. */
export function modelArtifacts(
  files: CheckedModelFiles,
  weightData: ArrayBuffer,
): tf.io.ModelArtifacts {
  return {
    format: files.format,
    modelTopology: files.modelTopology,
    weightSpecs: files.entries as tf.io.WeightsManifestEntry[],
    weightData,
  };
}

/** What the page says of checked files named `name`. */
export function modelFacts(name: string, files: CheckedModelFiles): ModelFacts {
  const { format, className, layers, parameters, bytes } = files;
  return {
    name,
    kind: format === 'graph-model' ? 'graph' : 'layers',
    className,
    layers,
    parameters,
    bytes,
  };
}

async function loadModel(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel | tf.GraphModel> {
  const handler = tf.io.fromMemory(artifacts);
  return artifacts.format === 'graph-model'
    ? tf.loadGraphModel(handler)
    : tf.loadLayersModel(handler);
}

/** The model's one input shape without the batch dimension; null where it has several. */
function inputShapeOf(model: tf.LayersModel | tf.GraphModel): (number | null)[] | null {
  if (model.inputs.length !== 1) return null;
  const shape = (model.inputs[0] as { shape?: number[] }).shape ?? [];
  return shape.slice(1).map((d) => (d < 0 ? null : d));
}

/**
 * Loads `artifacts` and checks the model against the dataset (`input`, `classes`); on success a
 * ready teacher the caller disposes. `facts.name` is what the page calls the file.
 */
export async function loadTeacher(
  artifacts: tf.io.ModelArtifacts,
  facts: ModelFacts,
  { input, classes }: { input: InputShape; classes: number },
): Promise<TeacherLoad> {
  const { name } = facts;
  let model: tf.LayersModel | tf.GraphModel;
  try {
    model = await loadModel(artifacts);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `TensorFlow.js could not load ${name}: “${clip(message, 160)}”` };
  }
  const fail = (error: string): TeacherLoad => {
    model.dispose();
    return { ok: false, error };
  };

  const declared = inputShapeOf(model);
  if (!declared) return fail(`${name} takes ${model.inputs.length} inputs; a teacher takes one.`);
  const accepted = acceptedInputShapes(input);
  // An unknown dimension fits where the rest of the shape does.
  const shape = accepted.find(
    (s) => s.length === declared.length && declared.every((d, i) => d === null || d === s[i]),
  );
  if (!shape) {
    const wanted = accepted.map((s) => `[${s.join(', ')}]`).join(' or ');
    return fail(
      `${name} takes inputs of shape [${declared.map((d) => d ?? '?').join(', ')}]; this dataset's rows are ${wanted}.`,
    );
  }
  if (model.outputs.length !== 1) {
    return fail(`${name} has ${model.outputs.length} outputs; a teacher has one, its classes.`);
  }

  const run = modelRunner(model, shape);
  const rng = createRng(7);
  const probe = Float32Array.from({ length: PROBE_ROWS * input.features }, () => rng.next());
  let out: Float32Array;
  let width: number;
  try {
    const y = tf.tidy(() => run(tf.tensor2d(probe, [PROBE_ROWS, input.features])));
    width = y.size / PROBE_ROWS;
    out = Float32Array.from(await y.data());
    y.dispose();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail(`${name} failed on a row of this dataset: “${clip(message, 160)}”`);
  }
  if (width !== classes) {
    return fail(`${name} outputs ${width} values a row; this dataset has ${classes} classes.`);
  }
  if (!out.every(Number.isFinite)) {
    return fail(`${name} gives non-finite outputs (NaN or ∞) on a row of this dataset.`);
  }
  const info: TeacherInfo = {
    ...facts,
    inputShape: shape,
    softmax: areProbabilities(out, classes),
    features: input.features,
    classes,
  };
  return {
    ok: true,
    teacher: readyTeacher(info, artifacts, run, () => {
      model.dispose();
    }),
  };
}

/** Whether every row is non-negative and sums to 1: a softmax output, not logits. */
function areProbabilities(out: Float32Array, classes: number): boolean {
  for (let r = 0; r < out.length / classes; r++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const p = out[r * classes + c] as number;
      if (p < 0) return false;
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-4) return false;
  }
  return true;
}

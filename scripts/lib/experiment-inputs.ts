// What the experiment CLI reads from disk: a bundled dataset (as the page fetches it) and a
// --teacher-model with its weight files (as the page reads an upload).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  type ExperimentConfig,
  datasetShape,
  inputShape,
  isImageDataset,
} from '../../src/core/config';
import { type Dataset, takeRows } from '../../src/core/data/dataset';
import { imageSetDataset } from '../../src/core/data/image-sets';
import { generateSynthetic } from '../../src/core/data/synthetic';
import { type ImportedTeacher, readTeacher } from '../../src/core/engine/read-teacher';

const DATA_DIR = join(import.meta.dirname, '..', '..', 'public', 'data');
const MNIST_FILE = join(DATA_DIR, 'mnist.bin');

/** Writes mnist.bin on first use, its log on stderr so that stdout stays one JSON object. */
function ensureMnistFile(): void {
  if (existsSync(MNIST_FILE)) return;
  const script = join(import.meta.dirname, '..', 'prepare-mnist.mjs');
  execFileSync(process.execPath, [script], { stdio: ['ignore', 2, 2] });
}

/**
 * The run's dataset; `rows` (--rows) keeps that many training rows of an image set and a quarter
 * as many test rows, spread evenly over each (a file may hold its classes in runs): a quick check,
 * not a study.
 */
export function loadDataset(config: ExperimentConfig, rows?: number): Dataset {
  const full = loadFullDataset(config);
  if (rows === undefined || !isImageDataset(config.dataset)) return full;
  const train = spread(full.yTrain.length, rows);
  const test = spread(full.yTest.length, Math.ceil(rows / 4));
  return {
    ...full,
    xTrain: takeRows(full.xTrain, full.features, train),
    yTrain: Int32Array.from(train, (r) => full.yTrain[r] as number),
    xTest: takeRows(full.xTest, full.features, test),
    yTest: Int32Array.from(test, (r) => full.yTest[r] as number),
  };
}

/** `count` row indices of `total`, evenly spaced (all of them when there are fewer). */
function spread(total: number, count: number): Int32Array {
  const n = Math.min(total, count);
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
}

function loadFullDataset(config: ExperimentConfig): Dataset {
  // The flags accept only the bundled datasets; an uploaded CSV lives in a browser.
  if (config.dataset === 'csv') throw new Error('--dataset csv is not available headless.');
  const { dataset } = config;
  if (!isImageDataset(dataset)) {
    return generateSynthetic(dataset, config.samples, config.noise, config.seed);
  }
  // MNIST's file is made at install; Fashion-MNIST's is in the repository.
  if (dataset === 'mnist') ensureMnistFile();
  const file = readFileSync(join(DATA_DIR, `${dataset}.bin`));
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  return imageSetDataset(dataset, buffer, config.seed);
}

/** Reads `path` and the weight files its manifest names (beside it), as the page would. */
export async function importTeacher(
  path: string,
  config: ExperimentConfig,
): Promise<ImportedTeacher> {
  const json = readFileSync(path, 'utf8');
  const manifest = (JSON.parse(json) as { weightsManifest?: { paths?: string[] }[] })
    .weightsManifest;
  const weightPaths = (manifest ?? []).flatMap((g) => g.paths ?? []);
  const files = [
    new File([json], basename(path)),
    ...weightPaths
      .filter((p) => existsSync(join(dirname(path), p)))
      .map((p) => new File([readFileSync(join(dirname(path), p))], basename(p))),
  ];
  const read = await readTeacher(files, inputShape(config), datasetShape(config).classes);
  if (!read.ok) throw new Error(read.error);
  return read.teacher;
}

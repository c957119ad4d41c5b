import {
  DATASET_LABELS,
  type ExperimentConfig,
  type ImageDataset,
  isImageDataset,
} from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { imageSetDataset } from '../core/data/image-sets';
import { generateSynthetic } from '../core/data/synthetic';
import type { CsvStore } from './csv';

const files = new Map<ImageDataset, Promise<ArrayBuffer>>();

/**
 * Fetches an image set's file (public/data/<name>.bin) once per worker, only when a run asks for
 * it; a failed fetch is retried on the next run.
 */
function loadImageFile(name: ImageDataset): Promise<ArrayBuffer> {
  let file = files.get(name);
  if (!file) {
    file = (async () => {
      const url = new URL(`${import.meta.env.BASE_URL}data/${name}.bin`, self.location.origin);
      const response = await fetch(url);
      if (!response.ok) {
        throw new Error(
          `Could not load ${DATASET_LABELS[name]} (${url.pathname}: HTTP ${response.status}).`,
        );
      }
      return response.arrayBuffer();
    })().catch((e: unknown) => {
      files.delete(name);
      throw e;
    });
    files.set(name, file);
  }
  return file;
}

export async function loadDataset(config: ExperimentConfig, csv: CsvStore): Promise<Dataset> {
  const { dataset } = config;
  if (isImageDataset(dataset)) {
    return imageSetDataset(dataset, await loadImageFile(dataset), config.seed);
  }
  if (dataset === 'csv') return csv.dataset(config);
  return generateSynthetic(dataset, config.samples, config.noise, config.seed);
}

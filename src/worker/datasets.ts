import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { type MnistImages, decodeMnist, mnistDataset } from '../core/data/mnist';
import { generateSynthetic } from '../core/data/synthetic';
import type { CsvStore } from './csv';

let mnist: Promise<MnistImages> | null = null;

/** Fetches the bundled digits once per worker; a failed fetch is retried on the next run. */
function loadMnistImages(): Promise<MnistImages> {
  mnist ??= (async () => {
    const url = new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.origin);
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(
        `Could not load the MNIST digits (${url.pathname}: HTTP ${response.status}).`,
      );
    }
    return decodeMnist(await response.arrayBuffer());
  })().catch((e: unknown) => {
    mnist = null;
    throw e;
  });
  return mnist;
}

export async function loadDataset(config: ExperimentConfig, csv: CsvStore): Promise<Dataset> {
  if (config.dataset === 'mnist') return mnistDataset(await loadMnistImages(), config.seed);
  if (config.dataset === 'csv') return csv.dataset(config);
  return generateSynthetic(config.dataset, config.samples, config.noise, config.seed);
}

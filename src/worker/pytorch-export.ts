/**
 * The page's "Export as PyTorch": the run's configuration built as a fresh experiment (its initial
 * weights follow from the configuration and seed, so nothing trained is needed), written by
 * core/pytorch/export.ts and zipped in the worker, off the page's thread.
 */
import { strToU8, zipSync } from 'fflate';
import trainPy from '../core/pytorch/train.py?raw';
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { buildExperiment } from '../core/engine/load-teacher';
import type { ReadyTeacher } from '../core/engine/ready-teacher';
import { exportPytorch } from '../core/pytorch/export';

export async function pytorchZip(
  config: ExperimentConfig,
  folder: string,
  deps: {
    loadDataset: (config: ExperimentConfig) => Promise<Dataset>;
    /** The run's imported teacher: its logits are exported in its place. */
    imported: Pick<ReadyTeacher, 'artifacts' | 'info'> | null;
  },
): Promise<Uint8Array> {
  const exp = await buildExperiment(await deps.loadDataset(config), config, deps.imported);
  try {
    const files = await exportPytorch(exp, trainPy);
    const entries = Object.entries(files) as [string, string | Uint8Array][];
    return zipSync(
      Object.fromEntries(
        entries.map(([name, content]) => [
          `${folder}/${name}`,
          typeof content === 'string' ? strToU8(content) : content,
        ]),
      ),
      // The rows are pixels and small integers: they deflate to about a third.
      { level: 6 },
    );
  } finally {
    exp.dispose();
  }
}

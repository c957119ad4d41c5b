import { useState } from 'react';
import type { ExperimentConfig } from '../../core/config';
import { formatBytes } from '../../core/size';
import { download } from '../../ui/download';
import { useWorkerRequest } from '../../worker-client/use-request';
import s from './pytorch.module.css';

/** The zip's folder and file name: the dataset and seed, in characters every file system takes. */
export function pytorchFolder(config: ExperimentConfig): string {
  const dataset = (config.csv?.name ?? config.dataset).replace(/[^A-Za-z0-9-]+/g, '-');
  return `distill-${dataset}-seed${config.seed}-pytorch`;
}

/**
 * "Export as PyTorch": the run (`config`, its schedule as played) as a folder a person runs with
 * `python3 train.py` or `torchrun` — zipped in the worker, saved as one file. A run that distilled
 * from an imported teacher (`importedTeacher`, its file name) exports that teacher's logits in its
 * place, while the worker still holds it.
 */
export function ExportPytorch({
  config,
  importedTeacher,
  compact = false,
}: {
  config: ExperimentConfig;
  importedTeacher?: string | undefined;
  /** In a Runs list row: a short button among the row's, a short note. */
  compact?: boolean;
}) {
  const { busy, error, setError, send } = useWorkerRequest();
  const [saved, setSaved] = useState<string | null>(null);
  const folder = pytorchFolder(config);
  const run = async () => {
    setSaved(null);
    setError(null);
    const imported = importedTeacher === undefined ? {} : { importedTeacher };
    const answer = await send({ type: 'export-pytorch', config, folder, ...imported });
    if (!answer) return;
    const name = `${folder}.zip`;
    download(name, new Blob([answer.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    const size = formatBytes(answer.zip.byteLength);
    setSaved(
      compact
        ? `Saved (${size})`
        : `Saved ${name} (${size}): train.py, config.json, data.npz, init.npz and a README. Unzip, then python3 train.py, or torchrun --nproc_per_node=N train.py.`,
    );
  };
  const button = (
    <button type="button" aria-label="Export as PyTorch" disabled={busy} onClick={() => void run()}>
      {busy ? 'Exporting…' : compact ? 'PyTorch' : 'Export as PyTorch'}
    </button>
  );
  if (compact) {
    const short = error ?? saved;
    return (
      <>
        {button}
        {short && (
          <span className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
            {short}
          </span>
        )}
      </>
    );
  }
  const note = error ?? saved;
  return (
    <div className={s.export}>
      {button}
      {note && (
        <span
          className={error ? 'field-error' : 'field-hint'}
          role={error ? 'alert' : undefined}
          aria-live="polite"
        >
          {note}
        </span>
      )}
    </div>
  );
}

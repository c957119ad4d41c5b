import { useState } from 'react';
import { WEIGHT_FORMATS, type WeightFormat } from '../../core/quant/quantize';
import { formatBytes } from '../../core/size';
import type { ExportedFiles } from '../../protocol/analysis';
import type { ModelRole } from '../../protocol/messages';
import { useWorkerRequest } from '../../worker-client/use-request';
import s from './analysis.module.css';

/** "Student" is the distilled one: the model distillation produced. */
const EXPORTABLE: { role: ModelRole; label: string }[] = [
  { role: 'teacher', label: 'Export teacher' },
  { role: 'distilled', label: 'Export student' },
];

/** Saves a file the page holds, the way a link with `download` does. */
function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the URL is no longer needed once it has read the blob.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

function save(files: ExportedFiles): void {
  download(files.modelJsonName, new Blob([files.modelJson], { type: 'application/json' }));
  download(files.weightsName, new Blob([files.weights], { type: 'application/octet-stream' }));
}

/**
 * Downloads the teacher or the distilled student as a TensorFlow.js LayersModel: `<name>.json`
 * (topology + weights manifest) and `<name>.weights.bin`, serialized in the worker.
 */
export function ExportButtons({ runId, roles }: { runId: number; roles: readonly ModelRole[] }) {
  const { error, setError, send } = useWorkerRequest();
  const [format, setFormat] = useState<WeightFormat>('fp32');
  const [pending, setPending] = useState<ModelRole | null>(null);
  const [last, setLast] = useState<string | null>(null);

  const exportModel = async (role: ModelRole) => {
    setPending(role);
    setLast(null);
    setError(null);
    const answer = await send({ type: 'export', runId, role, format });
    // A failed export ends here too: the buttons must not stay disabled.
    setPending(null);
    if (!answer) return;
    save(answer.files);
    setLast(
      `Saved ${answer.files.modelJsonName} and its weights (${formatBytes(answer.files.weights.byteLength)}).`,
    );
  };

  return (
    <div className={s.export}>
      <label>
        Export format
        <select
          value={format}
          onChange={(e) => {
            setFormat(WEIGHT_FORMATS.find((f) => f === e.target.value) ?? 'fp32');
          }}
        >
          {WEIGHT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      {EXPORTABLE.map(({ role, label }) => (
        <button
          key={role}
          type="button"
          disabled={pending !== null || !roles.includes(role)}
          onClick={() => {
            void exportModel(role);
          }}
        >
          {label}
        </button>
      ))}
      <span className={error ? 'field-error' : 'field-hint'} aria-live="polite">
        {pending
          ? `Serializing the ${pending}…`
          : error
            ? `Export failed: ${error}`
            : (last ?? 'TensorFlow.js LayersModel: load with tf.loadLayersModel.')}
      </span>
    </div>
  );
}

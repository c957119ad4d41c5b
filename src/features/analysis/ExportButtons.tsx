import { useEffect, useState } from 'react';
import { WEIGHT_FORMATS, type WeightFormat } from '../../core/quant/quantize';
import { formatBytes } from '../../core/size';
import type { ExportedFiles } from '../../protocol/analysis';
import type { ModelRole } from '../../protocol/messages';
import { useWorkerClient } from '../../worker-client/context';

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
  const client = useWorkerClient();
  const [format, setFormat] = useState<WeightFormat>('fp32');
  const [pending, setPending] = useState<ModelRole | null>(null);
  const [last, setLast] = useState<string | null>(null);

  useEffect(
    () =>
      client.subscribe((message) => {
        // A failed export is reported as a page notice; the buttons must not stay disabled.
        if (message.type === 'error') setPending(null);
        if (message.type !== 'exported' || message.files.runId !== runId) return;
        save(message.files);
        setPending(null);
        setLast(
          `Saved ${message.files.modelJsonName} and its weights (${formatBytes(message.files.weights.byteLength)}).`,
        );
      }),
    [client, runId],
  );

  const exportModel = (role: ModelRole) => {
    setPending(role);
    setLast(null);
    client.send({ type: 'export', runId, role, format });
  };

  return (
    <div className="export">
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
            exportModel(role);
          }}
        >
          {label}
        </button>
      ))}
      <span className="field-hint" aria-live="polite">
        {pending
          ? `Serializing the ${pending}…`
          : (last ?? 'TensorFlow.js LayersModel: load with tf.loadLayersModel.')}
      </span>
    </div>
  );
}

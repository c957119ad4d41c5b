import { useState } from 'react';
import { WEIGHT_FORMATS } from '../../core/quant/quantize';
import { formatBytes } from '../../core/size';
import type { ExportFormat, ExportedFiles } from '../../protocol/analysis';
import type { ModelId } from '../../protocol/messages';
import { download } from '../../ui/download';
import { useWorkerRequest } from '../../worker-client/use-request';
import s from './analysis.module.css';

/** "Student" is the distilled one: the model distillation produced. */
const EXPORTABLE: { role: ModelId; label: string }[] = [
  { role: 'teacher', label: 'Export teacher' },
  { role: 'distilled', label: 'Export student' },
];

const FORMATS: { value: ExportFormat; label: string }[] = [
  ...WEIGHT_FORMATS.map((f) => ({ value: f, label: f })),
  { value: 'onnx', label: 'ONNX (fp32)' },
];

const HINTS: Record<'layers' | 'onnx', string> = {
  layers: 'TensorFlow.js LayersModel: load with tf.loadLayersModel.',
  onnx: 'ONNX, opset 17: input [batch, features] float32, output probabilities; for ONNX Runtime, TensorRT, OpenVINO.',
};

/** Saves the export's files; returns what was saved, in words. */
function save(files: ExportedFiles): string {
  if (files.format === 'onnx') {
    download(files.name, new Blob([files.bytes], { type: 'application/octet-stream' }));
    return `Saved ${files.name} (${formatBytes(files.bytes.byteLength)}).`;
  }
  download(files.modelJsonName, new Blob([files.modelJson], { type: 'application/json' }));
  download(files.weightsName, new Blob([files.weights], { type: 'application/octet-stream' }));
  return `Saved ${files.modelJsonName} and its weights (${formatBytes(files.weights.byteLength)}).`;
}

/**
 * Downloads the teacher or the distilled student, serialized in the worker: as a TensorFlow.js
 * LayersModel (`<name>.json` with its topology and weights manifest, and `<name>.weights.bin`) at
 * a weight format, or as one `.onnx` file.
 */
export function ExportButtons({
  runId,
  roles,
  imported,
}: {
  runId: number;
  roles: readonly ModelId[];
  /** The imported teacher's file name, when the run's teacher was imported. */
  imported?: string | undefined;
}) {
  const { error, setError, send } = useWorkerRequest();
  const [format, setFormat] = useState<ExportFormat>('fp32');
  const [pending, setPending] = useState<ModelId | null>(null);
  const [last, setLast] = useState<string | null>(null);

  const exportModel = async (role: ModelId) => {
    setPending(role);
    setLast(null);
    setError(null);
    const answer = await send({ type: 'export', runId, role, format });
    // A failed export ends here too: the buttons must not stay disabled.
    setPending(null);
    if (!answer) return;
    setLast(save(answer.files));
  };

  return (
    <div className={s.export}>
      <label>
        Export format
        <select
          value={format}
          onChange={(e) => {
            setFormat(FORMATS.find((f) => f.value === e.target.value)?.value ?? 'fp32');
          }}
        >
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {EXPORTABLE.map(({ role, label }) => (
        <button
          key={role}
          type="button"
          disabled={pending !== null || !roles.includes(role)}
          title={
            role === 'teacher' && imported
              ? `The teacher is ${imported}, imported: its own files are the teacher.`
              : undefined
          }
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
            : (last ?? HINTS[format === 'onnx' ? 'onnx' : 'layers'])}
      </span>
    </div>
  );
}

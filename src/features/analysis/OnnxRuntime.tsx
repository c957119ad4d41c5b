import { useState } from 'react';
import type { OnnxProvider } from '../../protocol/analysis';
import { useRunStore } from '../../state/run-store';
import { milliseconds, percent } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import { useWorkerRequest } from '../../worker-client/use-request';
import { useModels } from '../charts/useSeries';
import s from './analysis.module.css';

/**
 * The trained models in the runtime a student would ship in: exported to ONNX in the worker and
 * run by ONNX Runtime Web, which loads only when asked. Its test accuracy is set beside the
 * playground's (the same file's numbers must agree) and its latency beside tfjs's.
 */
export function OnnxRuntime({ runId, imported }: { runId: number; imported?: string | undefined }) {
  const { ids, look } = useModels();
  const { busy, error, setError, send } = useWorkerRequest();
  // Kept with the run: the latency chart sets these numbers beside tfjs's.
  const answer = useRunStore((st) => st.run?.onnx);
  const [provider, setProvider] = useState<OnnxProvider>('auto');
  const summary = useRunStore((st) => st.run?.summary);
  const latency = useRunStore((st) => st.run?.latency);
  const tfjs = typeof latency === 'object' && latency && 'models' in latency ? latency : null;

  const measure = async () => {
    setError(null);
    const result = await send({ type: 'measure-onnx', runId, provider });
    if (result) {
      const { runtime, models } = result;
      useRunStore.getState().setOnnx(runId, { runtime, models });
    }
  };
  const roles = ids.filter((r) => answer?.models[r]);
  return (
    <div className={s.onnxRuntime}>
      <button type="button" disabled={busy} onClick={() => void measure()}>
        Measure in ONNX Runtime
      </button>
      <label>
        Execution provider
        <select
          value={provider}
          disabled={busy}
          onChange={(e) => {
            const value = e.target.value;
            setProvider(value === 'webgpu' || value === 'wasm' ? value : 'auto');
          }}
        >
          <option value="auto">Auto</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WebAssembly</option>
        </select>
      </label>
      <span className={error ? 'field-error' : 'field-hint'} aria-live="polite">
        {busy
          ? 'Exporting each model to ONNX and running it in ONNX Runtime Web…'
          : error
            ? `ONNX Runtime: ${error}`
            : answer
              ? `${answer.runtime}, in the training worker; latency from a call until its probabilities are back, after 3 warm-up runs.${imported ? ` The teacher, ${imported}, was imported, not written here: it is not exported.` : ''}`
              : 'Each model exported to ONNX and run in ONNX Runtime Web, the runtime a student would ship in. Auto runs it on WebGPU where the GPU is hardware, on WebAssembly otherwise.'}
      </span>
      {answer && (
        // Six columns: on a phone the table scrolls sideways inside its card, not the page.
        <div className={s.onnxTableBox}>
          <ScrollTable labelledBy="onnx-title">
            <table className={s.onnxTable}>
              <caption id="onnx-title" className="visually-hidden">
                ONNX Runtime
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Test accuracy in ONNX Runtime</th>
                  <th scope="col">Playground</th>
                  <th scope="col">Batch 1 p50 / p95</th>
                  <th scope="col">Batch 256 p50 / p95</th>
                  <th scope="col">tfjs ({tfjs?.backend ?? '—'}) batch 1 p50</th>
                </tr>
              </thead>
              <tbody>
                {roles.map((role) => {
                  const run = answer.models[role];
                  if (!run) return null;
                  const own = summary?.[role]?.accuracy;
                  const { batch1, batch256 } = run.latency;
                  return (
                    <tr key={role}>
                      <th scope="row">{look(role).name}</th>
                      <td>{percent(run.accuracy, 2)}</td>
                      <td>{own === undefined ? '—' : percent(own, 2)}</td>
                      <td>
                        {milliseconds(batch1.p50)} / {milliseconds(batch1.p95)}
                      </td>
                      <td>
                        {milliseconds(batch256.p50)} / {milliseconds(batch256.p95)}
                      </td>
                      <td>
                        {tfjs?.models[role] ? milliseconds(tfjs.models[role].batch1.p50) : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        </div>
      )}
    </div>
  );
}

import { useMemo } from 'react';
import { targetLabel } from '../../core/transfer';
import type { UnnumberedSweep } from '../../protocol/analysis';
import { useDisplayedConfig } from '../../state/displayed-config';
import { isFinished, useRunStore } from '../../state/run-store';
import { useTransferStore } from '../../state/sweep-store';
import { useWorkerClient } from '../../worker-client/context';
import { TransferForm } from './TransferForm';
import { TransferResults } from './TransferResults';
import s from './transfer.module.css';

/**
 * Transfer to a new task: after a run, every trained model (teacher and students) gets a new
 * output layer and trains on the target's labels beside a fresh twin of its shape, all together
 * on the run's engine; does distillation make a student that adapts more readily?
 */
export function Transfer() {
  const client = useWorkerClient();
  const runId = useRunStore((s) => s.run?.id);
  const ended = useRunStore((s) => isFinished(s.run));
  const trained = useRunStore((s) => s.run?.summary.distilled !== undefined);
  const features = useRunStore((s) => s.run?.dataset?.features);
  const saved = useRunStore((s) => s.run?.transfer);
  const config = useDisplayedConfig();
  const study = useTransferStore((s) => s.sweep);
  const commands = useMemo(
    () => ({
      run: (request: UnnumberedSweep) => {
        client.send({ type: 'sweep', request: useTransferStore.getState().begin(request) });
      },
      cancel: () => {
        client.send({ type: 'cancel-sweep' });
      },
    }),
    [client],
  );
  const mine = study && study.request.runId === runId ? study : null;
  const running = mine?.status === 'running';
  // Every seed's epochs, once the worker has said how many seeds it transfers.
  const epochs = mine?.epochs ?? mine?.request.epochs ?? 0;
  return (
    <section id="transfer" className={s.transfer} aria-labelledby="transfer-title" tabIndex={-1}>
      <h2 id="transfer-title">Transfer to a new task</h2>
      <p className="field-hint">
        Each trained model keeps its hidden layers, gets a new output layer (zeros, the same start
        for every model) and trains on the target&apos;s labels; beside it, a fresh twin of the same
        shape from random weights trains on the same batches. All of them train together on the
        run&apos;s engine. A repeated run transfers every seed: means, with intervals over the
        seeds; one seed: intervals and p-values over the target&apos;s test rows.
      </p>
      {runId === undefined || features === undefined || !ended || !trained ? (
        <p className="field-hint">Train a run to the end, then carry its models to a new task.</p>
      ) : (
        <TransferForm
          dataset={config.dataset}
          features={features}
          seed={config.seed}
          running={running}
          canRun
          onRun={(ask) => {
            commands.run({ ...ask, runId });
          }}
          onCancel={commands.cancel}
        />
      )}
      {mine && (
        <>
          <div className={s.progress}>
            <progress aria-label="Transfer progress" max={epochs} value={mine.epoch} />
            <span aria-live="polite">
              {`epoch ${mine.epoch} of ${epochs}`}
              {(mine.seeds ?? 0) > 1 && ` · ${mine.transfers.length} of ${mine.seeds} seeds`}
              {mine.status === 'cancelled' && ' — cancelled'}
              {mine.status === 'done' && ' — done'}
              {mine.status === 'error' && ` — failed: ${mine.message ?? 'unknown error'}`}
              {mine.engine?.reason && ` · on tfjs's kernels: ${mine.engine.reason}`}
            </span>
          </div>
          {mine.transfers.length > 0 && <TransferResults seeds={mine.transfers} />}
        </>
      )}
      {!mine && saved && (
        <>
          <p className="field-hint">
            {`The run's transfer to ${targetLabel(saved.spec)}: ${saved.spec.epochs} epochs, ${saved.spec.mode === 'probe' ? 'probe' : 'fine-tune'}.`}
          </p>
          <TransferResults seeds={saved.seeds} />
        </>
      )}
    </section>
  );
}

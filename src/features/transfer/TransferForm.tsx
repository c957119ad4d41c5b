import { useState } from 'react';
import { type CsvSpec, type DatasetName, DATASET_LABELS, LIMITS } from '../../core/config';
import { type TransferMode, parseLabels, transferTargets } from '../../core/transfer';
import type { SweepAsk } from '../../protocol/analysis';
import { Field } from '../../ui/Field';
import { TargetCsv } from './TargetCsv';
import s from './transfer.module.css';

type TransferAsk = Extract<SweepAsk, { axis: 'transfer' }>;

interface TransferFormProps {
  /** The run's dataset and its input width: the targets must take the same inputs. */
  dataset: DatasetName;
  features: number;
  /** The run's seed: a target CSV is split with it, as the run's data was. */
  seed: number;
  running: boolean;
  canRun: boolean;
  onRun: (request: TransferAsk) => void;
  onCancel: () => void;
}

const MODES: Record<TransferMode, string> = {
  finetune: 'Fine-tune (every layer trains)',
  probe: 'Probe (hidden layers frozen)',
};

/** The target task, how many of its labels, how long and how to adapt. */
export function TransferForm({
  dataset,
  features,
  seed,
  running,
  canRun,
  onRun,
  onCancel,
}: TransferFormProps) {
  // Any CSV of the same width too, uploaded here.
  const targets: DatasetName[] = [...transferTargets(dataset, features), 'csv'];
  const [target, setTarget] = useState<DatasetName | undefined>(targets[0]);
  const [csv, setCsv] = useState<CsvSpec | null>(null);
  const [labels, setLabels] = useState('500');
  const [epochs, setEpochs] = useState('5');
  const [mode, setMode] = useState<TransferMode>('finetune');
  const chosen = target !== undefined && targets.includes(target) ? target : (targets[0] ?? 'csv');
  const l = parseLabels(labels);
  const e = Number(epochs);
  const epochsOk = Number.isInteger(e) && e >= 1 && e <= LIMITS.studentEpochs.max;
  const fits = csv?.features === features ? csv : null;
  const csvOk = chosen !== 'csv' || fits !== null;
  const request =
    l.ok && epochsOk && csvOk
      ? {
          axis: 'transfer' as const,
          target: chosen,
          labels: l.labels,
          epochs: e,
          mode,
          ...(chosen === 'csv' && fits ? { csv: fits } : {}),
        }
      : null;
  return (
    <form
      className={s.form}
      onSubmit={(event) => {
        event.preventDefault();
        if (request && canRun && !running) onRun(request);
      }}
    >
      <div className="field">
        <label htmlFor="transfer-target">Target task</label>
        <select
          id="transfer-target"
          value={chosen}
          disabled={running}
          onChange={(ev) => {
            setTarget(ev.target.value as DatasetName);
          }}
        >
          {targets.map((t) => (
            <option key={t} value={t}>
              {t === 'csv' ? 'A CSV file…' : DATASET_LABELS[t]}
            </option>
          ))}
        </select>
        <div className="field-hint">Datasets with the same {features} inputs, or a CSV.</div>
      </div>
      {chosen === 'csv' && (
        <TargetCsv
          features={features}
          seed={seed}
          disabled={running}
          spec={csv}
          onChange={setCsv}
        />
      )}
      <Field
        label="Target labels"
        error={l.ok ? undefined : l.error}
        hint="Labelled rows of the target to train on (e.g. 100, 500), or all."
        value={labels}
        onChange={(ev) => {
          setLabels(ev.target.value);
        }}
      />
      <Field
        label="Transfer epochs"
        type="number"
        min={1}
        max={LIMITS.studentEpochs.max}
        error={epochsOk ? undefined : `A whole number from 1 to ${LIMITS.studentEpochs.max}.`}
        value={epochs}
        onChange={(ev) => {
          setEpochs(ev.target.value);
        }}
      />
      <div className={s.modes} role="radiogroup" aria-label="How to adapt">
        {(Object.keys(MODES) as TransferMode[]).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="transfer-mode"
              checked={mode === m}
              disabled={running}
              onChange={() => {
                setMode(m);
              }}
            />
            {MODES[m]}
          </label>
        ))}
      </div>
      <div className={s.buttons}>
        <button type="submit" className="primary" disabled={!request || !canRun || running}>
          Run transfer
        </button>
        <button type="button" disabled={!running} onClick={onCancel}>
          Cancel transfer
        </button>
      </div>
    </form>
  );
}

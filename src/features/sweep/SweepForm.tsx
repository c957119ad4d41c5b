import { useState } from 'react';
import { LIMITS } from '../../core/config';
import { parseAlphas, parseTemperatures } from '../../core/sweep-grid';
import type { SweepRequest } from '../../protocol/analysis';
import { Field } from '../../ui/Field';
import s from './sweep.module.css';

interface SweepFormProps {
  defaultEpochs: number;
  running: boolean;
  /** False while the run trains, or when it stopped before the students started. */
  canRun: boolean;
  onRun: (request: Omit<SweepRequest, 'sweepId' | 'runId'>) => void;
  onCancel: () => void;
}

/** The T and α values and the epochs of each cell; every problem is named under its field. */
export function SweepForm({ defaultEpochs, running, canRun, onRun, onCancel }: SweepFormProps) {
  const [temperatures, setTemperatures] = useState('1, 2, 4, 8');
  const [alphas, setAlphas] = useState('0.25, 0.5, 0.75, 1');
  const [epochs, setEpochs] = useState(String(defaultEpochs));
  const t = parseTemperatures(temperatures);
  const a = parseAlphas(alphas);
  const e = Number(epochs);
  const epochsOk = Number.isInteger(e) && e >= 1 && e <= LIMITS.studentEpochs.max;
  const ready = t.ok && a.ok && epochsOk;
  return (
    <form
      className={s.sweepForm}
      onSubmit={(event) => {
        event.preventDefault();
        if (t.ok && a.ok && epochsOk && canRun && !running)
          onRun({ temperatures: t.values, alphas: a.values, epochs: e });
      }}
    >
      <Field
        label="Temperatures"
        error={t.ok ? undefined : t.error}
        hint="Comma-separated, 1 to 20."
        value={temperatures}
        onChange={(ev) => {
          setTemperatures(ev.target.value);
        }}
      />
      <Field
        label="Alphas"
        error={a.ok ? undefined : a.error}
        hint="Comma-separated, 0 to 1."
        value={alphas}
        onChange={(ev) => {
          setAlphas(ev.target.value);
        }}
      />
      <Field
        label="Epochs per cell"
        type="number"
        min={1}
        max={LIMITS.studentEpochs.max}
        error={epochsOk ? undefined : `A whole number from 1 to ${LIMITS.studentEpochs.max}.`}
        hint="The run's students trained this long by default."
        value={epochs}
        onChange={(ev) => {
          setEpochs(ev.target.value);
        }}
      />
      <div className={s.sweepButtons}>
        <button type="submit" className="primary" disabled={!ready || !canRun || running}>
          Run sweep
        </button>
        <button type="button" disabled={!running} onClick={onCancel}>
          Cancel sweep
        </button>
      </div>
    </form>
  );
}

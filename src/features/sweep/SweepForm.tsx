import { useState } from 'react';
import { parseSizes } from '../../core/capacity';
import { LIMITS } from '../../core/config';
import { parseAlphas, parseTemperatures } from '../../core/sweep-grid';
import type { SweepAsk } from '../../protocol/analysis';
import { Field } from '../../ui/Field';
import s from './sweep.module.css';

type Axis = Exclude<SweepAsk['axis'], 'transfer'>;

interface SweepFormProps {
  defaultEpochs: number;
  running: boolean;
  /** False while the run trains, or when it stopped before the students started. */
  canRun: boolean;
  onRun: (request: SweepAsk) => void;
  onCancel: () => void;
}

/**
 * What to sweep — T and α, or the student's size — its values and the epochs of each student;
 * every problem is named under its field.
 */
export function SweepForm({ defaultEpochs, running, canRun, onRun, onCancel }: SweepFormProps) {
  const [axis, setAxis] = useState<Axis>('grid');
  const [temperatures, setTemperatures] = useState('1, 2, 4, 8');
  const [alphas, setAlphas] = useState('0.25, 0.5, 0.75, 1');
  const [sizes, setSizes] = useState('8, 16, 32, 64, 128, 256');
  const [epochs, setEpochs] = useState(String(defaultEpochs));
  const t = parseTemperatures(temperatures);
  const a = parseAlphas(alphas);
  const n = parseSizes(sizes);
  const e = Number(epochs);
  const epochsOk = Number.isInteger(e) && e >= 1 && e <= LIMITS.studentEpochs.max;
  const request: SweepAsk | null = !epochsOk
    ? null
    : axis === 'capacity'
      ? n.ok
        ? { axis, sizes: n.sizes, epochs: e }
        : null
      : t.ok && a.ok
        ? { axis, temperatures: t.values, alphas: a.values, epochs: e }
        : null;
  return (
    <form
      className={s.sweepForm}
      onSubmit={(event) => {
        event.preventDefault();
        if (request && canRun && !running) onRun(request);
      }}
    >
      <div className={s.axisChoice} role="radiogroup" aria-label="What to sweep">
        {(['grid', 'capacity'] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="sweep-axis"
              checked={axis === choice}
              disabled={running}
              onChange={() => {
                setAxis(choice);
              }}
            />
            {choice === 'grid' ? 'T and α' : 'Student size'}
          </label>
        ))}
      </div>
      {axis === 'grid' ? (
        <>
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
        </>
      ) : (
        <Field
          label="Student networks"
          error={n.ok ? undefined : n.error}
          hint="Hidden widths, comma-separated; 32x32 is two layers. Each gets a KD and a scratch student."
          value={sizes}
          onChange={(ev) => {
            setSizes(ev.target.value);
          }}
        />
      )}
      <Field
        label={axis === 'grid' ? 'Epochs per cell' : 'Epochs per student'}
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
        <button type="submit" className="primary" disabled={!request || !canRun || running}>
          Run sweep
        </button>
        <button type="button" disabled={!running} onClick={onCancel}>
          Cancel sweep
        </button>
      </div>
    </form>
  );
}

import { useId, useState } from 'react';
import { formatLayers, parseLayers } from '../../core/layers';
import {
  KIND_DEFAULTS,
  KIND_LABELS,
  KIND_PARAMS,
  type MethodParam,
  PARAMS,
  STUDENT_KINDS,
  followsRun,
  paramLimits,
} from '../../core/methods';
import type { StudentSpec } from '../../core/students';
import { Field } from '../../ui/Field';
import s from './students.module.css';

interface StudentGroupProps {
  spec: StudentSpec;
  /** The run's student network, which a student without layers of its own takes. */
  studentLayers: string;
  color: string;
  canRemove: boolean;
  disabled: boolean;
  onChange: (patch: Partial<StudentSpec>) => void;
  onRemove: () => void;
}

/** Input steps of the parameters: a slider's notch for T and α, finer for the small weights. */
const STEPS: Record<MethodParam, number> = {
  temperature: 0.5,
  alpha: 0.05,
  beta: 0.5,
  ce: 0.1,
  warmup: 1,
  epsilon: 0.05,
  gamma: 0.1,
};

/** One student of the run: its name, its method with its parameters, and its network. */
export function StudentGroup(props: StudentGroupProps) {
  const { spec, studentLayers, color, canRemove, disabled, onChange, onRemove } = props;
  // The layers as typed: a half-typed list stays in the box until it parses.
  const kindId = useId();
  const [layersText, setLayersText] = useState(spec.hidden ? formatLayers(spec.hidden) : '');
  const parsed = parseLayers(layersText);
  // A KD or hint student's T and α left empty follow the sliders; other parameters, their default.
  const param = (key: MethodParam) => {
    const follows = followsRun(spec.kind) && (key === 'temperature' || key === 'alpha');
    const { min, max } = paramLimits(spec.kind, key);
    return (
      <Field
        key={key}
        label={follows ? `Own ${PARAMS[key].label}` : PARAMS[key].label}
        type="number"
        min={min}
        max={max}
        step={STEPS[key]}
        value={spec[key] ?? ''}
        placeholder={follows ? 'slider' : String(KIND_DEFAULTS[spec.kind][key] ?? '')}
        onChange={(e) => {
          onChange({ [key]: e.target.value === '' ? undefined : e.target.valueAsNumber });
        }}
      />
    );
  };
  return (
    <fieldset className={s.student} disabled={disabled}>
      <legend>
        <span className="swatch" style={{ background: color }} aria-hidden="true" />
        {spec.name || 'Unnamed student'}
      </legend>
      <Field
        label="Name"
        value={spec.name}
        maxLength={24}
        onChange={(e) => {
          onChange({ name: e.target.value });
        }}
      />
      <div className="field">
        <label htmlFor={kindId}>Learns from</label>
        <select
          id={kindId}
          value={spec.kind}
          onChange={(e) => {
            const kind = STUDENT_KINDS.find((k) => k === e.target.value);
            if (kind) onChange({ kind });
          }}
        >
          {STUDENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className={s.wide}>
        <Field
          label="Hidden layers"
          value={layersText}
          placeholder={studentLayers || 'none'}
          error={parsed.ok ? undefined : parsed.error}
          hint={`Empty: the student network (${studentLayers || 'no hidden layer'})`}
          onChange={(e) => {
            const text = e.target.value;
            setLayersText(text);
            const layers = parseLayers(text);
            if (layers.ok) onChange({ hidden: text.trim() === '' ? undefined : layers.layers });
          }}
        />
      </div>
      {KIND_PARAMS[spec.kind].map(param)}
      <div className={`${s.actions} ${s.wide}`}>
        <button type="button" className={s.remove} onClick={onRemove} disabled={!canRemove}>
          Remove {spec.name || 'student'}
        </button>
      </div>
    </fieldset>
  );
}

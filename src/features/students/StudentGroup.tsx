import { useId, useState } from 'react';
import { LIMITS } from '../../core/config';
import { formatLayers, parseLayers } from '../../core/layers';
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

/** One student of the run: its name, how it learns, its network and a KD student's own T and α. */
export function StudentGroup(props: StudentGroupProps) {
  const { spec, studentLayers, color, canRemove, disabled, onChange, onRemove } = props;
  // The layers as typed: a half-typed list stays in the box until it parses.
  const kindId = useId();
  const [layersText, setLayersText] = useState(spec.hidden ? formatLayers(spec.hidden) : '');
  const parsed = parseLayers(layersText);
  const optional = (key: 'temperature' | 'alpha', label: string, step: number) => (
    <Field
      label={label}
      type="number"
      min={LIMITS[key].min}
      max={LIMITS[key].max}
      step={step}
      value={spec[key] ?? ''}
      placeholder="slider"
      onChange={(e) => {
        onChange({ [key]: e.target.value === '' ? undefined : e.target.valueAsNumber });
      }}
    />
  );
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
            onChange({ kind: e.target.value === 'kd' ? 'kd' : 'scratch' });
          }}
        >
          <option value="kd">teacher (KD)</option>
          <option value="scratch">labels (scratch)</option>
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
      {spec.kind === 'kd' && optional('temperature', 'Own T', 0.5)}
      {spec.kind === 'kd' && optional('alpha', 'Own α', 0.05)}
      <div className={`${s.actions} ${s.wide}`}>
        <button type="button" className={s.remove} onClick={onRemove} disabled={!canRemove}>
          Remove {spec.name || 'student'}
        </button>
      </div>
    </fieldset>
  );
}

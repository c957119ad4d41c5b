import { useId } from 'react';
import type { ModelRole } from '../../protocol/messages';
import { SERIES } from '../charts/series';
import s from './analysis.module.css';

/** A radio group choosing one of the trained models. */
export function ModelPicker({
  roles,
  value,
  onChange,
  label,
}: {
  roles: readonly ModelRole[];
  value: ModelRole;
  onChange: (role: ModelRole) => void;
  label: string;
}) {
  const name = useId();
  return (
    <div className={s.modelPicker} role="radiogroup" aria-label={label}>
      {roles.map((role) => (
        <label key={role} className={role === value ? s.selected : undefined}>
          <input
            type="radio"
            name={name}
            checked={role === value}
            onChange={() => {
              onChange(role);
            }}
          />
          <span className="swatch" style={{ background: SERIES[role].color }} aria-hidden="true" />
          {SERIES[role].name}
        </label>
      ))}
    </div>
  );
}

import { useId } from 'react';
import type { ModelId } from '../../protocol/messages';
import { useModels } from '../charts/useSeries';
import s from './analysis.module.css';

/** A radio group choosing one of the trained models. */
export function ModelPicker({
  roles,
  value,
  onChange,
  label,
}: {
  roles: readonly ModelId[];
  value: ModelId;
  onChange: (role: ModelId) => void;
  label: string;
}) {
  const name = useId();
  const { look } = useModels();
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
          <span className="swatch" style={{ background: look(role).color }} aria-hidden="true" />
          {look(role).name}
        </label>
      ))}
    </div>
  );
}

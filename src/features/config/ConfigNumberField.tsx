import type { ReactNode } from 'react';
import { LIMITS } from '../../core/config';
import { useConfigStore } from '../../state/config-store';
import { NumberField } from '../../ui/Field';

type NumericKey = keyof typeof LIMITS;

interface ConfigNumberFieldProps {
  field: NumericKey;
  label: string;
  step: number | 'any';
  disabled?: boolean;
  hint?: ReactNode;
  /** Replaces the plain store update, e.g. to forward a live change to the worker. */
  onValue?: (value: number) => void;
}

/** A spinbutton bound to one numeric config field, with that field's limits and error. */
export function ConfigNumberField({
  field,
  label,
  step,
  disabled,
  hint,
  onValue,
}: ConfigNumberFieldProps) {
  const value = useConfigStore((s) => s.config[field]);
  const error = useConfigStore((s) => s.errors[field]);
  const set = useConfigStore((s) => s.set);
  return (
    <NumberField
      label={label}
      min={LIMITS[field].min}
      max={LIMITS[field].max}
      step={step}
      value={value}
      disabled={disabled}
      error={error}
      hint={hint}
      onValue={
        onValue ??
        ((v) => {
          set({ [field]: v });
        })
      }
    />
  );
}

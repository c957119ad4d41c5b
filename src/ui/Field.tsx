import { type InputHTMLAttributes, type ReactNode, useId } from 'react';
import s from './ui.module.css';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the input when there is no error: units, derived sizes. */
  hint?: ReactNode;
  error?: string | undefined;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({ label, hint, error, ...input }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={error ? `field ${s.hasError}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={noteId} {...input} />
      <div
        id={noteId}
        className={error ? 'field-error' : 'field-hint'}
        role={error ? 'alert' : undefined}
      >
        {error ?? hint}
      </div>
    </div>
  );
}

interface NumberFieldProps extends Omit<FieldProps, 'value' | 'onChange' | 'type'> {
  value: number;
  onValue: (value: number) => void;
}

/** A spinbutton bound to a number; an emptied box reports NaN, which validation names. */
export function NumberField({ value, onValue, ...rest }: NumberFieldProps) {
  return (
    <Field
      type="number"
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => {
        onValue(e.target.value === '' ? Number.NaN : e.target.valueAsNumber);
      }}
      {...rest}
    />
  );
}

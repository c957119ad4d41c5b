import { type ReactNode, useId } from 'react';
import s from './ui.module.css';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  /** How the current value reads next to the label (and to screen readers). */
  format: (value: number) => string;
  hint?: ReactNode;
  disabled?: boolean;
}

/** A range input whose accessible name is just its label; the value is announced via valuetext. */
export function Slider(props: SliderProps) {
  const { label, value, min, max, step, onChange, format, hint, disabled } = props;
  const id = useId();
  return (
    <div className="slider">
      <div className={s.sliderHead}>
        <label htmlFor={id}>{label}</label>
        {/* Not an <output>: that is a second role="status" on the page; valuetext announces it. */}
        <span className={s.sliderValue} aria-hidden="true">
          {format(value)}
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={format(value)}
        disabled={disabled}
        onChange={(e) => {
          onChange(Number(e.target.value));
        }}
      />
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

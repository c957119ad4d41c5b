import { type ReactNode, useId } from 'react';
import { TERMS, type TermName } from './terms';
import s from './glossary.module.css';

/**
 * A word with its explanation: shown on hover and on keyboard focus, and read as the word's
 * description by screen readers.
 */
export function Term({ name, children }: { name: TermName; children?: ReactNode }) {
  const id = useId();
  return (
    <span className={s.term}>
      <button type="button" className={s.termWord} aria-describedby={id}>
        {children ?? name}
      </button>
      <span role="tooltip" id={id} className={s.termTip}>
        {TERMS[name]}
      </span>
    </span>
  );
}

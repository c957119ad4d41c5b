import { type ReactNode, useId } from 'react';
import { TERMS, type TermName } from './terms';

/**
 * A word with its explanation: shown on hover and on keyboard focus, and read as the word's
 * description by screen readers.
 */
export function Term({ name, children }: { name: TermName; children?: ReactNode }) {
  const id = useId();
  return (
    <span className="term">
      <button type="button" className="term-word" aria-describedby={id}>
        {children ?? name}
      </button>
      <span role="tooltip" id={id} className="term-tip">
        {TERMS[name]}
      </span>
    </span>
  );
}

import type { ReactNode } from 'react';
import s from './ui.module.css';

/**
 * A table that scrolls sideways when the screen is narrower than it: focusable, so a keyboard can
 * scroll it, and with a visible cue on narrow screens, so no column hides unannounced.
 */
export function ScrollTable({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <>
      <p className={s.scrollCue} aria-hidden="true">
        Scroll the table sideways for every column →
      </p>
      {/* A group, not a region: the card around it is the landmark. */}
      <div className={s.tableScroll} tabIndex={0} role="group" aria-labelledby={labelledBy}>
        {children}
      </div>
    </>
  );
}

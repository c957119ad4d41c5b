import { type ReactNode, useId } from 'react';
import s from './ui.module.css';

interface FigureProps {
  caption: string;
  note?: ReactNode;
  /** Shown over the plot area while there is nothing to draw. */
  empty?: string | false;
  children: ReactNode;
  /** An anchor other panels point at (the Claims panel's links). */
  id?: string;
}

/** A chart with its caption: the caption is the figure's accessible name. */
export function Figure({ caption, note, empty, children, id }: FigureProps) {
  const titleId = useId();
  // Named by the title alone; the note stays in the caption as a description.
  return (
    <figure id={id} className="chart" aria-labelledby={titleId} tabIndex={id ? -1 : undefined}>
      <figcaption>
        {/* A heading, so the card shows in a screen reader's outline; it also names the figure. */}
        <h3 id={titleId} className="caption-title">
          {caption}
        </h3>
        {note && <span className="caption-note">{note}</span>}
      </figcaption>
      <div className={s.chartBody}>
        {children}
        {empty && <div className={s.chartEmpty}>{empty}</div>}
      </div>
    </figure>
  );
}

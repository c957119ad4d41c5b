import { type ReactNode, useId } from 'react';
import s from './ui.module.css';

interface FigureProps {
  caption: string;
  note?: ReactNode;
  /** Shown over the plot area while there is nothing to draw. */
  empty?: string | false;
  children: ReactNode;
}

/** A chart with its caption: the caption is the figure's accessible name. */
export function Figure({ caption, note, empty, children }: FigureProps) {
  const titleId = useId();
  // Named by the title alone; the note stays in the caption as a description.
  return (
    <figure className="chart" aria-labelledby={titleId}>
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

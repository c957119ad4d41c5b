import type { ReactNode } from 'react';

/** A chart with its caption: the caption is the figure's accessible name. */
export function Figure({
  caption,
  note,
  children,
}: {
  caption: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="chart">
      <figcaption>
        <span className="caption-title">{caption}</span>
        {note && <span className="caption-note">{note}</span>}
      </figcaption>
      <div className="chart-body">{children}</div>
    </figure>
  );
}

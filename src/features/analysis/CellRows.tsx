import type { RunAnalysis } from '../../protocol/analysis';
import { SampleView } from './DigitImage';
import { featuresOf } from './predictions';
import s from './analysis.module.css';

/** Thumbnails drawn at most; a busy cell lists the rest as a count. */
const MAX_SHOWN = 40;

/** The test samples of one confusion-matrix cell. */
export function CellRows({
  analysis,
  rows,
  title,
}: {
  analysis: RunAnalysis;
  rows: number[];
  title: string;
}) {
  const shown = rows.slice(0, MAX_SHOWN);
  return (
    <section className={s.cellRows} aria-label="Samples in the selected cell">
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="field-hint">No test sample falls in this cell.</p>
      ) : (
        <ul>
          {shown.map((row) => (
            <li key={row} title={`Test sample ${row}`}>
              <SampleView
                features={featuresOf(analysis, row)}
                label={`Test sample ${row}`}
                size={36}
              />
            </li>
          ))}
        </ul>
      )}
      {rows.length > shown.length && (
        <p className="field-hint">…and {rows.length - shown.length} more.</p>
      )}
    </section>
  );
}

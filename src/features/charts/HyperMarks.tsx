import { ReferenceLine } from 'recharts';
import type { HyperMark } from '../../protocol/messages';

/** Marks closer than this share of the x-axis span are one burst (a slider drag); only its last is labelled. */
const LABEL_GAP = 0.06;

/**
 * Vertical lines where temperature or alpha changed during the students' run. Every change gets a
 * line; a label only where the next change is far enough away for the text not to overprint.
 */
export function hyperMarkLines(marks: readonly HyperMark[], span: number) {
  return marks.map((m, i) => {
    const next = marks[i + 1];
    const labelled = !next || next.epoch - m.epoch >= LABEL_GAP * span;
    return (
      <ReferenceLine
        key={`${i}-${m.epoch}`}
        x={m.epoch}
        stroke="#64748b"
        strokeDasharray="4 3"
        label={
          labelled
            ? {
                value: `T=${m.temperature} α=${m.alpha.toFixed(2)}`,
                position: 'insideTopLeft',
                fontSize: 11,
                fill: '#334155',
              }
            : undefined
        }
        className="hyper-mark"
      />
    );
  });
}

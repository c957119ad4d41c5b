import { ReferenceLine } from 'recharts';
import type { HyperMark } from '../../protocol/messages';

/** Label rows stacked at the top of the plot; a label never prints over another. */
const LABEL_ROWS = 3;
/** Share of the x-axis span one label ("T=16.5 α=0.70") takes, a little generously. */
const LABEL_WIDTH = 0.2;
const ROW_HEIGHT = 13;

interface ViewBox {
  x?: number;
  y?: number;
}

/** A mark's label, in its row; Recharts passes the line's position as `viewBox`. */
function MarkLabel({ viewBox, row, text }: { viewBox?: ViewBox; row: number; text: string }) {
  const x = (viewBox?.x ?? 0) + 4;
  const y = (viewBox?.y ?? 0) + 12 + row * ROW_HEIGHT;
  return (
    <text x={x} y={y} fontSize={11} fill="#334155">
      {text}
    </text>
  );
}

/** What a mark set: T and α, and the learning rate where it changed. */
export function markText(mark: HyperMark, previous: HyperMark | undefined): string {
  const rate =
    previous && previous.learningRate !== mark.learningRate ? ` lr=${mark.learningRate}` : '';
  return `T=${mark.temperature} α=${mark.alpha.toFixed(2)}${rate}`;
}

/**
 * The rows of the marks' labels: each label takes the first row where the previous label has
 * ended; a mark with no free row is drawn without one (its values are in the tooltip list).
 */
export function labelRows(marks: readonly HyperMark[], span: number): (number | null)[] {
  const ends = Array.from({ length: LABEL_ROWS }, () => -Infinity);
  return marks.map((m) => {
    const row = ends.findIndex((end) => m.epoch >= end);
    if (row < 0) return null;
    ends[row] = m.epoch + LABEL_WIDTH * span;
    return row;
  });
}

/** Vertical lines where T, α or the learning rate changed during the students' run. */
export function hyperMarkLines(marks: readonly HyperMark[], span: number, yAxisId: string) {
  const rows = labelRows(marks, span);
  return marks.map((m, i) => {
    const row = rows[i];
    const text = markText(m, marks[i - 1]);
    return (
      <ReferenceLine
        key={`${i}-${m.epoch}`}
        yAxisId={yAxisId}
        x={m.epoch}
        stroke="#64748b"
        strokeDasharray="4 3"
        label={row === null || row === undefined ? undefined : <MarkLabel row={row} text={text} />}
        className="hyper-mark"
      />
    );
  });
}

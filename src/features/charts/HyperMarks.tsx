import { ReferenceLine } from 'recharts';
import type { HyperMark } from '../../protocol/messages';
import { labelRows, markText } from './hyper-marks';

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

import { ReferenceLine } from 'recharts';
import type { HyperMark } from '../../protocol/messages';

/** Vertical lines where temperature or alpha changed during the students' run. */
export function hyperMarkLines(marks: readonly HyperMark[]) {
  return marks.map((m, i) => (
    <ReferenceLine
      key={`${i}-${m.epoch}`}
      x={m.epoch}
      stroke="#64748b"
      strokeDasharray="4 3"
      label={{
        value: `T=${m.temperature} α=${m.alpha.toFixed(2)}`,
        position: 'insideTopLeft',
        fontSize: 11,
        fill: '#334155',
      }}
      className="hyper-mark"
    />
  ));
}

import { useMemo } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';
import type { SettingsMark } from '../../protocol/messages';
import { labelRows, markText } from './settings-marks';

const ROW_HEIGHT = 13;

/**
 * Vertical lines where T, α, the method parameter or the learning rate changed during the students' run, drawn from the
 * chart's own x scale. Not Recharts' ReferenceLine: each of those re-registers itself with the
 * chart's store on every render (two store updates that re-run every selector), so a run with
 * many marks slowed every chart update in proportion — a soak measured the page's long tasks
 * growing as a person kept moving the sliders.
 */
export function SettingsMarks({ marks, span }: { marks: readonly SettingsMark[]; span: number }) {
  const x = useXAxisScale();
  const area = usePlotArea();
  const rows = useMemo(() => labelRows(marks, span), [marks, span]);
  if (!x || !area) return null;
  return (
    <g className="settings-marks">
      {marks.map((m, i) => {
        const at = x(m.epoch);
        // Outside the plot (not yet reached by the axis): not drawn, as ReferenceLine discards it.
        if (at === undefined || at < area.x - 0.5 || at > area.x + area.width + 0.5) return null;
        const row = rows[i];
        return (
          <g key={`${i}-${m.epoch}`} className="settings-mark">
            <line
              x1={at}
              x2={at}
              y1={area.y}
              y2={area.y + area.height}
              stroke="#64748b"
              strokeDasharray="4 3"
            />
            {row !== null && row !== undefined && (
              <text x={at + 4} y={area.y + 12 + row * ROW_HEIGHT} fontSize={11} fill="#334155">
                {markText(m, marks[i - 1])}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

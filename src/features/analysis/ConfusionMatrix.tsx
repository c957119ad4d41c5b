import { useEffect, useMemo, useRef, useState } from 'react';
import { confusionMatrix, perClassAccuracy, rowsInCell } from '../../core/analysis/confusion';
import type { RunAnalysis } from '../../protocol/analysis';
import type { ModelId } from '../../protocol/messages';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { CellRows } from './CellRows';
import { axisBand, drawClassAxes, inkFor, shareColor } from './heatmap';
import { ModelPicker } from './ModelPicker';
import { analysedRoles, predictionsOf } from './predictions';
import { useClassName } from './useClassName';
import s from './analysis.module.css';

/** Pixels per cell side: about 300 px for the whole matrix, never below 30 px (two digits). */
function cellSize(classes: number): number {
  return Math.max(30, Math.min(72, Math.floor(300 / classes)));
}

interface Cell {
  actual: number;
  predicted: number;
}

/**
 * Counts of true class (rows) against predicted class (columns) on the test set, coloured by the
 * share of the true class; hover names a cell's count, a click lists its test rows.
 */
export function ConfusionMatrix({ analysis }: { analysis: RunAnalysis }) {
  const roles = useMemo(() => analysedRoles(analysis), [analysis]);
  const [role, setRole] = useState<ModelId>(roles.includes('distilled') ? 'distilled' : 'teacher');
  const [hover, setHover] = useState<Cell | null>(null);
  const [selected, setSelected] = useState<Cell | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { name, named } = useClassName();
  const axis = axisBand(named);
  const { classes, testLabels } = analysis;
  const predictions = predictionsOf(analysis, role);
  const matrix = useMemo(
    () => (predictions ? confusionMatrix(testLabels, predictions, classes) : null),
    [testLabels, predictions, classes],
  );
  const rowTotals = useMemo(
    () =>
      Array.from({ length: classes }, (_, t) => {
        let n = 0;
        for (let p = 0; p < classes; p++) n += matrix?.[t * classes + p] ?? 0;
        return n;
      }),
    [matrix, classes],
  );
  const CELL = cellSize(classes);
  const side = axis + classes * CELL;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !matrix) return;
    ctx.clearRect(0, 0, side, side);
    ctx.font = `${CELL > 40 ? 14 : 11}px system-ui, sans-serif`;
    drawClassAxes(ctx, { classes, cell: CELL, named, name });
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let t = 0; t < classes; t++) {
      for (let p = 0; p < classes; p++) {
        const count = matrix[t * classes + p] ?? 0;
        const share = rowTotals[t] ? count / (rowTotals[t] ?? 1) : 0;
        const x = axis + p * CELL;
        const y = axis + t * CELL;
        ctx.fillStyle = shareColor(share);
        ctx.fillRect(x, y, CELL - 1, CELL - 1);
        if (count > 0) {
          ctx.fillStyle = inkFor(Math.sqrt(share));
          ctx.fillText(String(count), x + CELL / 2, y + CELL / 2);
        }
      }
    }
    for (const cell of [selected, hover]) {
      if (!cell) continue;
      ctx.strokeStyle = cell === selected ? '#0f172a' : '#f59e0b';
      ctx.lineWidth = 2;
      ctx.strokeRect(axis + cell.predicted * CELL, axis + cell.actual * CELL, CELL - 1, CELL - 1);
    }
  }, [matrix, rowTotals, classes, side, hover, selected, CELL, axis, name, named]);

  const cellAt = (event: React.MouseEvent<HTMLCanvasElement>): Cell | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const predicted = Math.floor((event.clientX - box.left - axis) / CELL);
    const actual = Math.floor((event.clientY - box.top - axis) / CELL);
    const inside = (i: number) => i >= 0 && i < classes;
    return inside(predicted) && inside(actual) ? { actual, predicted } : null;
  };

  const accuracy = matrix ? perClassAccuracy(matrix, classes) : [];
  const count = (c: Cell) => matrix?.[c.actual * classes + c.predicted] ?? 0;
  const selectedRows =
    selected && predictions
      ? rowsInCell(testLabels, predictions, selected.actual, selected.predicted)
      : null;

  return (
    <Figure
      caption="Confusion matrix"
      note="Test set: rows are the true class, columns the predicted one, shaded by the share of the true class. Hover for counts; click a cell to list its test samples."
    >
      <ModelPicker roles={roles} value={role} onChange={setRole} label="Confusion matrix model" />
      <div className={s.confusion}>
        <div className="confusion-plot">
          <canvas
            ref={canvas}
            width={side}
            height={side}
            role="img"
            aria-label={`Confusion matrix of the ${role} model, ${classes} classes; arrow keys move between cells, Enter lists a cell's samples`}
            tabIndex={0}
            onFocus={() => {
              setHover((h) => h ?? selected ?? { actual: 0, predicted: 0 });
            }}
            onKeyDown={(e) => {
              const moves: Record<string, [number, number]> = {
                ArrowUp: [-1, 0],
                ArrowDown: [1, 0],
                ArrowLeft: [0, -1],
                ArrowRight: [0, 1],
              };
              const move = moves[e.key];
              const at = hover ?? { actual: 0, predicted: 0 };
              if (move) {
                e.preventDefault();
                const clamp = (i: number) => Math.min(classes - 1, Math.max(0, i));
                setHover({
                  actual: clamp(at.actual + move[0]),
                  predicted: clamp(at.predicted + move[1]),
                });
              } else if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                setSelected(at);
              }
            }}
            onMouseMove={(e) => {
              setHover(cellAt(e));
            }}
            onMouseLeave={() => {
              setHover(null);
            }}
            onClick={(e) => {
              setSelected(cellAt(e));
            }}
          />
          <p className={s.confusionHover} aria-live="polite">
            {hover
              ? `True ${name(hover.actual)} → predicted ${name(hover.predicted)}: ${count(hover)} of ${rowTotals[hover.actual] ?? 0} test samples`
              : 'Predicted class →, true class ↓'}
          </p>
        </div>
        <table className={s.perClass}>
          <caption>Per-class accuracy</caption>
          <tbody>
            {accuracy.map((a, c) => (
              <tr key={c}>
                <th scope="row">{name(c)}</th>
                <td>
                  <span
                    className={s.meter}
                    style={{ width: `${Number.isNaN(a) ? 0 : a * 100}%` }}
                  />
                  {Number.isNaN(a) ? 'no samples' : percent(a, 1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && selectedRows && (
        <CellRows
          analysis={analysis}
          rows={selectedRows}
          title={`True ${name(selected.actual)}, predicted ${name(selected.predicted)}: ${selectedRows.length} test samples`}
        />
      )}
    </Figure>
  );
}

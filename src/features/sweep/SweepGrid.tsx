import type { SweepState } from '../../state/sweep-store';
import { cellAt } from '../../state/sweep-store';
import { percent } from '../../ui/format';
import { divergingColor } from '../analysis/heatmap';
import { signedPoints } from '../analysis/QuantizedSizes';
import { describeCell } from './cell-gain';
import s from './sweep.module.css';

/**
 * Distilled-student test accuracy per T (rows) × α (columns), coloured by its gap to the scratch
 * student: green above it, red below; a gap chance could explain (paired test on the test rows)
 * is hatched and marked "≈" instead. A cell is a button that shows its curves and interval.
 */
export function SweepGrid({
  sweep,
  scratch,
  onSelect,
}: {
  sweep: SweepState;
  scratch: number | undefined;
  onSelect: (index: number) => void;
}) {
  if (sweep.request.axis !== 'grid') return null;
  const { temperatures, alphas } = sweep.request;
  const gaps = sweep.cells.map((c) => c.accuracy - (scratch ?? c.accuracy));
  // Colour saturates at the largest gap seen (at least 2 points), so small grids still show order.
  const range = Math.max(0.02, ...gaps.map(Math.abs));
  return (
    <table className={s.sweepGrid}>
      <thead>
        <tr>
          <th scope="col">T ↓ α →</th>
          {alphas.map((a) => (
            <th key={a} scope="col">
              α = {a}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {temperatures.map((t) => (
          <tr key={t}>
            <th scope="row">T = {t}</th>
            {alphas.map((a) => {
              const index = cellAt(sweep, t, a);
              const cell = sweep.cells[index];
              if (!cell) {
                return (
                  <td key={a} className={`${s.sweepCell} pending`}>
                    {sweep.status === 'running' ? '…' : '—'}
                  </td>
                );
              }
              const gap = scratch === undefined ? undefined : cell.accuracy - scratch;
              const chance = describeCell(cell).verdict === 'none';
              return (
                <td key={a} className={chance ? `${s.sweepCell} ${s.chance}` : s.sweepCell}>
                  <button
                    type="button"
                    aria-pressed={sweep.selected === index}
                    aria-label={`T ${t}, α ${a}: ${percent(cell.accuracy, 1)}${chance ? ', a gap chance could explain' : ''}`}
                    style={{ background: divergingColor(chance ? 0 : (gap ?? 0), range) }}
                    onClick={() => {
                      onSelect(index);
                    }}
                  >
                    {percent(cell.accuracy, 1)}
                    {gap !== undefined && (
                      <small>
                        {chance ? '≈ ' : ''}
                        {signedPoints(gap)}
                      </small>
                    )}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

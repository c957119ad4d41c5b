import type { CapacityRow } from '../../core/capacity';
import { gainVerdict } from '../../core/capacity';
import { formatP, signedPoints } from '../../core/significance/describe';
import { percent } from '../../ui/format';
import s from './sweep.module.css';

const range = (a: CapacityRow['distilled']) =>
  `${percent(a.testAccuracy, 1)} (${percent(a.low, 1)}–${percent(a.high, 1)})`;

/** Each network: both students' accuracy with its interval, the gain with its interval and p. */
export function CapacityTable({ rows }: { rows: readonly CapacityRow[] }) {
  return (
    <table className={s.capacityTable} aria-label="Gain per student size">
      <thead>
        <tr>
          <th scope="col">Network</th>
          <th scope="col">Parameters</th>
          <th scope="col">Distilled (95 % CI)</th>
          <th scope="col">Scratch (95 % CI)</th>
          <th scope="col">Gain, points (95 % CI)</th>
          <th scope="col">Holm-adjusted p</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const v = gainVerdict(r);
          return (
            <tr key={r.hidden}>
              <th scope="row">{r.hidden}</th>
              <td>{r.parameters.toLocaleString('en-US')}</td>
              <td>{range(r.distilled)}</td>
              <td>{range(r.scratch)}</td>
              <td>
                {signedPoints(r.gain.difference)} ({signedPoints(r.gain.low)} to{' '}
                {signedPoints(r.gain.high)}){v === 'none' ? ' ≈' : ''}
              </td>
              <td>{formatP(r.gain.pHolm)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

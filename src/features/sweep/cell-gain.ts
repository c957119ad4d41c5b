import {
  type Described,
  describeRunGain,
  formatP,
  signedPoints,
} from '../../core/significance/describe';
import { pairedDifference } from '../../core/significance/paired';
import type { SweepCell } from '../../protocol/analysis';

/** A sweep cell's gain over the sweep's scratch student (same steps), tested on the paired test rows. */
export function describeCell(cell: SweepCell): Described {
  const { verdict } = describeRunGain(cell.paired, 'test rows');
  const d = pairedDifference(cell.paired);
  const numbers = `${signedPoints(d.difference)} points over the scratch student (95 % CI ${signedPoints(d.low)} to ${signedPoints(d.high)}, McNemar ${formatP(d.p)} on ${d.n.toLocaleString('en-US')} paired test rows)`;
  return {
    verdict,
    text: verdict === 'none' ? `${numbers}: a gap chance could explain.` : `${numbers}.`,
  };
}

/**
 * What a sweep reports to the page: each T × α cell, or each network of a capacity sweep, with
 * its learning curve and its paired comparison with its reference (engine/sweep-report.ts).
 */
import type { PairedCounts } from './significance/paired';

export interface SweepPoint {
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
}

/** One T × α cell: a distilled student trained from the shared initial weights. */
export interface SweepCell {
  temperature: number;
  alpha: number;
  accuracy: number;
  agreement: number;
  curve: SweepPoint[];
  /** The cell's student against the sweep's scratch student, row by row on the test set. */
  paired: PairedCounts;
  /** The sweep's scratch student, trained beside the cells for the same steps: the reference. */
  reference: { accuracy: number; curve: SweepPoint[] };
}

/** One network of a capacity sweep: its KD student and its scratch twin, same steps. */
export interface SweepSize {
  /** The network as the list writes it ("32x32"). */
  hidden: string;
  parameters: number;
  distilled: { accuracy: number; agreement: number; curve: SweepPoint[] };
  scratch: { accuracy: number; curve: SweepPoint[] };
  /** The KD student against its scratch twin, row by row on the test set. */
  paired: PairedCounts;
}

/** The command line's JSON for one seed: every model's numbers, as `--json` prints them. */
import type { FinalReport } from '../../src/core/engine/headless';
import type { RosterReport } from '../../src/core/engine/roster-report';
import type { ModelSummary } from '../../src/core/results';
import { pairedDifference } from '../../src/core/significance/paired';
import { fp32Bytes } from '../../src/core/size';
import { energyPerPrediction } from '../../src/core/cost/energy';
import type { TransferSeed } from '../../src/core/transfer';

/** One seed's numbers: every student's, and the distilled / scratch pair's where the list has one. */
export interface SeedReport {
  roster: RosterReport;
  final: FinalReport | null;
  /** With --transfer: the seed's models carried to the target task. */
  transfer?: TransferSeed;
}

export function modelResult(report: ModelSummary) {
  const result = {
    testAccuracy: report.accuracy,
    parameters: report.parameters,
    bytes: fp32Bytes(report.parameters),
    // Multiply–adds per example; an imported teacher's are not known.
    macs: report.macs ?? null,
    // Estimated (docs/methods.md, "Energy"), joules per prediction at each precision.
    energy: report.macs === undefined ? null : energyPerPrediction(report.macs, report.parameters),
    training: report.training ?? null,
  };
  return report.agreement === undefined ? result : { ...result, agreement: report.agreement };
}

/**
 * One seed's JSON: the teacher, every student in the order given, each KD student against the
 * scratch student of its shape; and, where the list has that pair, the distilled and scratch keys
 * and their gain as before the list existed.
 */
export function seedResult(seed: number, seconds: number, { roster, final }: SeedReport) {
  const { teacher, students, comparisons } = roster;
  const result = {
    seed,
    seconds: Number(seconds.toFixed(1)),
    teacher: modelResult(teacher),
    students: students.map(({ parameters, macs, accuracy, agreement, training, ...about }) => ({
      ...about,
      ...modelResult({ parameters, macs, accuracy, agreement, ...(training && { training }) }),
    })),
    comparisons,
  };
  if (!final) return result;
  const gain = pairedDifference(final.students.accuracy);
  return {
    ...result,
    distilled: modelResult(final.models.distilled),
    scratch: modelResult(final.models.scratch),
    gain: { ...final.students.accuracy, ...gain },
  };
}

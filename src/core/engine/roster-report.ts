/**
 * The final numbers of a run's students as a list — each one's size and test metrics — and every
 * KD student compared with the scratch student of its architecture on the same test rows
 * (McNemar's exact test, its p-values Holm-adjusted when there is more than one comparison).
 */
import { formatLayers } from '../layers';
import type { ModelSummary } from '../results';
import type { StudentComparison } from '../significance/paired';
import { holmAdjust } from '../significance/holm';
import { pairedDifference } from '../significance/paired';
import { KIND_PARAMS, type MethodParams, learnsFromTeacher, paramOf } from '../methods';
import { type StudentKind, architectureKey, comparisonPairs, studentsOf } from '../students';
import type { SizeResult } from '../capacity';
import type { Experiment } from './experiment';
import { modelSummary } from './headless';

/** A student's numbers with its method's parameters (its own or the method's defaults). */
export interface StudentResult extends ModelSummary, MethodParams {
  name: string;
  kind: StudentKind;
  /** Hidden layers in the layer syntax ("32", "64-32" is "64, 32"). */
  hidden: string;
}

export interface RosterReport {
  teacher: ModelSummary;
  students: StudentResult[];
  comparisons: StudentComparison[];
}

/**
 * Every student that is not scratch against the scratch student of its shape, and each that
 * learns from the teacher against the label-smoothing student of its shape (`comparisonPairs`) on the same test rows, McNemar's p
 * Holm-adjusted over the comparisons.
 */
export async function studentComparisons(exp: Experiment): Promise<StudentComparison[]> {
  const pairs = comparisonPairs(studentsOf(exp.config), exp.config.studentHidden);
  const raw: Omit<StudentComparison, 'pHolm'>[] = [];
  for (const { student: kd, scratch } of pairs) {
    const [a, b] = [exp.studentAt(kd), exp.studentAt(scratch)];
    const counts = (await exp.compareOnTest(a.trainer.model, b.trainer.model)).accuracy;
    raw.push({
      distilled: a.spec.name,
      scratch: b.spec.name,
      kdIndex: kd,
      scratchIndex: scratch,
      counts,
      ...pairedDifference(counts),
    });
  }
  // Born-again: a student of the teacher's own network, taught by it — does it beat its teacher?
  const teacherKey = architectureKey(exp.config.teacherHidden);
  for (const [i, s] of exp.students.entries()) {
    const taught = learnsFromTeacher(s.spec.kind);
    if (exp.ready || !taught || architectureKey(s.hidden) !== teacherKey) continue;
    const counts = (await exp.compareOnTest(s.trainer.model, exp.teacherPredictor)).accuracy;
    raw.push({
      distilled: s.spec.name,
      scratch: 'Teacher',
      kdIndex: i,
      scratchIndex: 'teacher',
      counts,
      ...pairedDifference(counts),
    });
  }
  const adjusted = holmAdjust(raw.map((c) => c.p));
  return raw.map((c, i) => ({ ...c, pHolm: adjusted[i] ?? 1 }));
}

export async function rosterReport(exp: Experiment): Promise<RosterReport> {
  const teacher = await modelSummary(exp, 'teacher');
  const students: StudentResult[] = [];
  for (const [i, { spec, hidden }] of exp.students.entries()) {
    const own = Object.fromEntries(
      KIND_PARAMS[spec.kind].flatMap((p) => {
        const value = paramOf(spec, p);
        return value === undefined ? [] : [[p, value]];
      }),
    ) as MethodParams;
    const summary = await modelSummary(exp, i);
    students.push({
      name: spec.name,
      kind: spec.kind,
      hidden: formatLayers(hidden),
      ...own,
      ...summary,
    });
  }
  return { teacher, students, comparisons: await studentComparisons(exp) };
}

/**
 * A capacity sweep's networks as one seed left them (`capacityStudents`' names: "KD 32" beside
 * "Scratch 32"): each KD student's accuracy, its scratch twin's and their discordant test rows.
 */
export function sizeResults(roster: RosterReport): SizeResult[] {
  return roster.comparisons.flatMap((c) => {
    const kd = roster.students[c.kdIndex];
    const scratch = typeof c.scratchIndex === 'number' ? roster.students[c.scratchIndex] : null;
    if (!kd?.name.startsWith('KD ') || scratch?.kind !== 'scratch') return [];
    return [
      {
        hidden: kd.name.slice('KD '.length),
        parameters: kd.parameters,
        distilled: kd.accuracy,
        scratch: scratch.accuracy,
        counts: c.counts,
      },
    ];
  });
}

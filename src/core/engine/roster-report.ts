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

/** Two models the run compares on its test rows: a student, and its reference. */
export interface ComparedPair {
  kdIndex: number;
  /** A student's place in the list, or the teacher (a student of the teacher's own network). */
  scratchIndex: number | 'teacher';
}

/**
 * Every student that is not scratch against the scratch student of its shape, each that learns
 * from the teacher against the label-smoothing student of its shape (`comparisonPairs`), and a
 * student of the teacher's own network that learns from it against the teacher (born-again).
 */
export function comparedPairs(exp: Experiment): ComparedPair[] {
  const pairs: ComparedPair[] = comparisonPairs(
    studentsOf(exp.config),
    exp.config.studentHidden,
  ).map(({ student, scratch }) => ({ kdIndex: student, scratchIndex: scratch }));
  const teacherKey = architectureKey(exp.config.teacherHidden);
  for (const [i, s] of exp.students.entries()) {
    const taught = learnsFromTeacher(s.spec.kind);
    if (exp.ready || !taught || architectureKey(s.hidden) !== teacherKey) continue;
    pairs.push({ kdIndex: i, scratchIndex: 'teacher' });
  }
  return pairs;
}

/**
 * Each compared pair (`comparedPairs`) on the same test rows: McNemar's p, Holm-adjusted over the
 * comparisons.
 */
export async function studentComparisons(exp: Experiment): Promise<StudentComparison[]> {
  const raw: Omit<StudentComparison, 'pHolm'>[] = [];
  for (const { kdIndex, scratchIndex } of comparedPairs(exp)) {
    const a = exp.studentAt(kdIndex);
    const b = scratchIndex === 'teacher' ? null : exp.studentAt(scratchIndex);
    const reference = b ? b.trainer.model : exp.teacherPredictor;
    const counts = (await exp.compareOnTest(a.trainer.model, reference)).accuracy;
    raw.push({
      distilled: a.spec.name,
      scratch: b ? b.spec.name : 'Teacher',
      kdIndex,
      scratchIndex,
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

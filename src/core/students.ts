/**
 * The students of a run, as a list: each has a name, its hidden layers and how it learns — its
 * method (`core/methods.ts`): from the teacher (KD, DKD, hints), from smoothed labels, or from the
 * labels alone (scratch). The default list is the playground's original pair, "Distilled" and
 * "Scratch". Pure data: no tfjs here.
 */
import type { Layer } from './layers';
import {
  KIND_PARAMS,
  type MethodParam,
  type MethodParams,
  PARAMS,
  STUDENT_KINDS,
  type StudentKind,
  followsRun,
  learnsFromTeacher,
  SLIDER_PARAM,
  paramLimits,
} from './methods';
import { type ModelId, extraIndex, extraStudent } from './roles';

export { STUDENT_KINDS, type StudentKind };

/**
 * A student: its name, method and hidden layers. Its method's parameters are its own, held for
 * the whole run; a KD or hint student's absent T and α are the run's, which the schedule and the
 * page's sliders move (for the student they act on).
 */
export interface StudentSpec extends MethodParams {
  name: string;
  kind: StudentKind;
  /** Hidden layers; absent: the run's student network (`studentHidden`). */
  hidden?: Layer[];
  /** A transfer's probe: the hidden layers stay frozen, only the output layer trains. */
  probe?: boolean;
}

export const MIN_STUDENTS = 2;
export const MAX_STUDENTS = 8;

export const DEFAULT_STUDENTS: readonly StudentSpec[] = [
  { name: 'Distilled', kind: 'kd' },
  { name: 'Scratch', kind: 'scratch' },
];

/** The run's students: its own list, else the default pair. */
export function studentsOf(config: { students?: readonly StudentSpec[] }): readonly StudentSpec[] {
  return config.students ?? DEFAULT_STUDENTS;
}

/** A student's hidden layers, the run's student network where it names none. */
export function hiddenOf(spec: StudentSpec, studentHidden: readonly Layer[]): readonly Layer[] {
  return spec.hidden ?? studentHidden;
}

/** One key per architecture: students with equal keys start from the same initial weights. */
export function architectureKey(hidden: readonly Layer[]): string {
  return JSON.stringify(hidden);
}

/**
 * Each student that is not scratch paired with the scratch student of its architecture (the first
 * one), by index: the comparisons a run's gain sentences make.
 */
export function scratchPairs(
  students: readonly StudentSpec[],
  studentHidden: readonly Layer[],
): { student: number; scratch: number }[] {
  const key = (s: StudentSpec) => architectureKey(hiddenOf(s, studentHidden));
  return students.flatMap((s, student) => {
    if (s.kind === 'scratch') return [];
    const scratch = students.findIndex((o) => o.kind === 'scratch' && key(o) === key(s));
    return scratch < 0 ? [] : [{ student, scratch }];
  });
}

/**
 * The comparisons a run reports, by index: every student against the scratch student of its
 * network, then every student that learns from the teacher against the label-smoothing student of
 * its network — the control for "is it the teacher's knowledge, or would any soft target do?".
 */
export function comparisonPairs(
  students: readonly StudentSpec[],
  studentHidden: readonly Layer[],
): { student: number; scratch: number }[] {
  const key = (s: StudentSpec) => architectureKey(hiddenOf(s, studentHidden));
  const smoothing = students.flatMap((s, student) => {
    if (!learnsFromTeacher(s.kind)) return [];
    const ls = students.findIndex((o) => o.kind === 'ls' && key(o) === key(s));
    return ls < 0 ? [] : [{ student, scratch: ls }];
  });
  return [...scratchPairs(students, studentHidden), ...smoothing];
}

/** The run's first KD student with a scratch twin: the pair the page calls distilled and scratch. */
function rolePair(
  students: readonly StudentSpec[],
  studentHidden: readonly Layer[],
): { student: number; scratch: number } | undefined {
  return scratchPairs(students, studentHidden).find((p) => students[p.student]?.kind === 'kd');
}

/**
 * The page's id of each student, in the list's order: the first KD student with a scratch student
 * of its shape are "distilled" and "scratch" (the pair the page has always compared), every other
 * student `student-<index>`. Without such a pair, every student is `student-<index>`.
 */
export function studentIds(config: {
  students?: readonly StudentSpec[];
  studentHidden: readonly Layer[];
}): ModelId[] {
  const list = studentsOf(config);
  const pair = rolePair(list, config.studentHidden);
  return list.map((_, i) =>
    i === pair?.student ? 'distilled' : i === pair?.scratch ? 'scratch' : extraStudent(i),
  );
}

type ListConfig = { students?: readonly StudentSpec[]; studentHidden: readonly Layer[] };

/** A model as the engines name it: the teacher, or a student by its index in the list. */
export type ModelRef = 'teacher' | number;

/**
 * The student a page role names: the distilled one is the list's first KD student with a scratch
 * student of its network, the scratch one that twin (the default list's two students).
 */
export function roleIndex(config: ListConfig, role: 'distilled' | 'scratch'): number {
  const pair = rolePair(studentsOf(config), config.studentHidden);
  if (!pair) throw new Error('This run has no KD student with a scratch student of its shape.');
  return pair[role === 'distilled' ? 'student' : 'scratch'];
}

/** The model a page id names, as the engines name it. */
export function refOf(config: ListConfig, id: ModelId): ModelRef {
  if (id === 'teacher') return 'teacher';
  const index = id === 'distilled' || id === 'scratch' ? roleIndex(config, id) : extraIndex(id);
  if (index === null) throw new Error(`No model is named ${id}.`);
  return index;
}

/** The page's id of the model `ref` names. */
export function idOf(config: ListConfig, ref: ModelRef): ModelId {
  const id = ref === 'teacher' ? 'teacher' : studentIds(config)[ref];
  if (!id) throw new Error(`The run has no student ${String(ref)}.`);
  return id;
}

/** Every model of a run, the teacher first, in the page's ids. */
export function modelIds(config: {
  students?: readonly StudentSpec[];
  studentHidden: readonly Layer[];
}): ModelId[] {
  return ['teacher', ...studentIds(config)];
}

/** What is wrong with a run's student list, or null: count, names, and each method's parameters. */
export function studentsProblem(students: readonly StudentSpec[]): string | null {
  if (students.length < MIN_STUDENTS || students.length > MAX_STUDENTS) {
    return `A run has ${MIN_STUDENTS} to ${MAX_STUDENTS} students (got ${students.length}).`;
  }
  const names = new Set<string>();
  for (const s of students) {
    if (s.name.trim() === '') return 'Every student needs a name.';
    if (/[,:=]/.test(s.name)) return `"${s.name}": a name cannot hold a comma, colon or "=".`;
    if (names.has(s.name)) return `Two students are named "${s.name}".`;
    names.add(s.name);
    for (const param of Object.keys(PARAMS) as MethodParam[]) {
      const value = s[param];
      if (value === undefined) continue;
      const { label, integer } = PARAMS[param];
      if (!KIND_PARAMS[s.kind].includes(param)) return `${s.name}: ${s.kind} takes no ${label}.`;
      const { min, max } = paramLimits(s.kind, param);
      if (!(value >= min && value <= max)) {
        return `${s.name}: ${label} must be between ${min} and ${max}.`;
      }
      if (integer && !Number.isInteger(value)) return `${s.name}: ${label} must be whole.`;
    }
  }
  return null;
}

/**
 * A T × α grid as students: one KD student per cell, row by row (T), each holding its cell's T and
 * α, then the scratch student they are compared with. Not bound by a run's 8 students.
 */
export function gridStudents(
  temperatures: readonly number[],
  alphas: readonly number[],
): StudentSpec[] {
  const cells = temperatures.flatMap((temperature) =>
    alphas.map((alpha) => ({
      name: `T ${temperature} α ${alpha}`,
      kind: 'kd' as const,
      temperature,
      alpha,
    })),
  );
  return [...cells, { name: 'Scratch', kind: 'scratch' }];
}

/** A KD or hint student without both of its own T and α: the T and α sliders move it. */
export const followsSliders = (s: StudentSpec): boolean =>
  followsRun(s.kind) && (s.temperature === undefined || s.alpha === undefined);

/**
 * The students the sliders can act on: those whose T and α they move (`followsSliders`: a value
 * a student holds shadows the slider's), and those with a method parameter a slider moves (β, ε,
 * γ: methods.ts SLIDER_PARAM).
 */
export function sliderCandidates(students: readonly StudentSpec[]): number[] {
  return students.flatMap((s, i) =>
    followsSliders(s) || SLIDER_PARAM[s.kind] !== undefined ? [i] : [],
  );
}

/**
 * The index of the one student the run's sliders — T, α and its method's parameter; its schedule
 * and every live change — act on: the candidate `sliders` names, else the first whose T and α
 * they move, else the first candidate; -1 for none. Every other KD student holds the run's
 * starting T and α where it has none of its own.
 */
export function sliderIndex(config: {
  students?: readonly StudentSpec[];
  sliders?: string;
}): number {
  const list = studentsOf(config);
  const candidates = sliderCandidates(list);
  const named = candidates.find((i) => list[i]?.name === config.sliders);
  const follows = candidates.find((i) => list[i] && followsSliders(list[i]));
  return named ?? follows ?? candidates[0] ?? -1;
}

/** What is wrong with the name of the sliders' student, or null (none named is fine). */
export function slidersProblem(config: {
  students?: readonly StudentSpec[];
  sliders?: string;
}): string | null {
  if (config.sliders === undefined) return null;
  const list = studentsOf(config);
  const named = sliderCandidates(list).some((i) => list[i]?.name === config.sliders);
  return named
    ? null
    : `The sliders can act on a KD or hint student without its own T and α, or a DKD or label-smoothing student; "${config.sliders}" is none.`;
}

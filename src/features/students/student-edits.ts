/** Edits of a run's student list, as the Students panel makes them. Pure: list in, list out. */
import {
  DEFAULT_STUDENTS,
  MAX_STUDENTS,
  MIN_STUDENTS,
  type StudentKind,
  type StudentSpec,
} from '../../core/students';
import { KIND_PARAMS } from '../../core/methods';

/** The list a configuration stores: none for the default pair, so links and saves stay as before. */
export function storedList(list: readonly StudentSpec[]): StudentSpec[] | undefined {
  const isDefault =
    list.length === DEFAULT_STUDENTS.length &&
    list.every((s, i) => JSON.stringify(s) === JSON.stringify(DEFAULT_STUDENTS[i]));
  return isDefault ? undefined : [...list];
}

/** A new student: a scratch one when the list has no scratch student yet, else a KD one. */
export function addedStudent(list: readonly StudentSpec[]): StudentSpec[] {
  if (list.length >= MAX_STUDENTS) return [...list];
  const kind: StudentKind = list.some((s) => s.kind === 'scratch') ? 'kd' : 'scratch';
  const taken = new Set(list.map((s) => s.name));
  let n = list.length + 1;
  while (taken.has(`Student ${n}`)) n += 1;
  return [...list, { name: `Student ${n}`, kind }];
}

export function removedStudent(list: readonly StudentSpec[], index: number): StudentSpec[] {
  if (list.length <= MIN_STUDENTS) return [...list];
  return list.filter((_, i) => i !== index);
}

/** Student `index` with `patch` applied, holding only the parameters its method takes. */
export function changedStudent(
  list: readonly StudentSpec[],
  index: number,
  patch: Partial<StudentSpec>,
): StudentSpec[] {
  return list.map((s, i) => {
    if (i !== index) return s;
    const next = { ...s, ...patch };
    // Unset fields are left out, not stored as undefined: the list compares and links cleanly.
    const out: StudentSpec = { name: next.name, kind: next.kind };
    if (next.hidden) out.hidden = next.hidden;
    for (const param of KIND_PARAMS[next.kind]) {
      const value = next[param];
      if (value !== undefined && !Number.isNaN(value)) out[param] = value;
    }
    return out;
  });
}

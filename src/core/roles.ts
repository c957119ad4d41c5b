/** The models of an experiment, the app's shared vocabulary (protocol re-exports it). */

/** The teacher and the run's two principal students: a KD one and the scratch one of its shape. */
export type ModelRole = 'teacher' | 'distilled' | 'scratch';
export const MODEL_ROLES: readonly ModelRole[] = ['teacher', 'distilled', 'scratch'];

/** A student beyond the principal pair, by its index in the run's list. */
export type ExtraStudent = `student-${number}`;

/** Any model of a run: the teacher, the principal pair, or another student of the list. */
export type ModelId = ModelRole | ExtraStudent;

export function extraStudent(index: number): ExtraStudent {
  return `student-${index}`;
}

/** The list index an extra student's id names, or null for a role. */
export function extraIndex(id: ModelId): number | null {
  const match = /^student-(\d+)$/.exec(id);
  return match ? Number(match[1]) : null;
}

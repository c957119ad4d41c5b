/**
 * The teacher's own learning-rate schedule: the rates a person set while the teacher trained, at
 * the teacher steps they applied from. Part of the run's record like the students' schedule, so a
 * repeated run's other seeds, a link and the command line train the teacher the same way. Empty
 * or absent: the run's starting rate for every teacher step. Pure data, no tfjs.
 */
import { NUMBER, valuesAt } from './schedule';

export interface TeacherRateChange {
  /** Teacher step (0-based) from which the rate holds; a schedule's first change is at step 0. */
  step: number;
  learningRate: number;
}

/** "0:0.001,40:0.0005" — step:learning rate, in step order. */
export function formatTeacherRates(changes: readonly TeacherRateChange[]): string {
  return changes.map((c) => `${c.step}:${c.learningRate}`).join(',');
}

export type TeacherRatesResult =
  { ok: true; changes: TeacherRateChange[] } | { ok: false; error: string };

export function parseTeacherRates(text: string): TeacherRatesResult {
  if (text.trim() === '') return { ok: true, changes: [] };
  const changes: TeacherRateChange[] = [];
  for (const [i, part] of text.split(',').entries()) {
    const fields = part.split(':');
    if (fields.length !== 2 || !fields.every((f) => NUMBER.test(f))) {
      return { ok: false, error: `change ${i + 1} is not step:learning rate` };
    }
    const [step = NaN, learningRate = NaN] = fields.map(Number);
    changes.push({ step, learningRate });
  }
  return { ok: true, changes };
}

/** What is wrong with a teacher schedule, or null: from step 0, steps whole and rising, rates in range. */
export function teacherRatesProblem(
  changes: readonly TeacherRateChange[],
  limits: { min: number; max: number },
  most: number,
): string | null {
  if (changes.length > most) return `At most ${most} changes.`;
  if (changes.length > 0 && changes[0]?.step !== 0) {
    return 'The first change is the starting rate, at step 0.';
  }
  let previous = -1;
  for (const [i, { step, learningRate }] of changes.entries()) {
    const name = `Change ${i + 1}`;
    if (!Number.isInteger(step) || step <= previous) {
      return `${name}: steps must be whole numbers, each after the one before.`;
    }
    previous = step;
    if (!(learningRate >= limits.min && learningRate <= limits.max)) {
      return `${name}: the learning rate must be between ${limits.min} and ${limits.max}.`;
    }
  }
  return null;
}

/** The teacher's rate at its step `step`: its schedule's where it has one, else `start`. */
export function teacherRateAt(
  changes: readonly TeacherRateChange[] | undefined,
  start: number,
  step: number,
): number {
  return valuesAt(changes ?? [], step)?.learningRate ?? start;
}

/**
 * A rate set at `change.step` while the teacher trained: what came at or after that step is
 * replaced (the person took over), and the first change also records the starting rate at step 0.
 */
export function withTeacherRate(
  changes: readonly TeacherRateChange[],
  start: number,
  change: TeacherRateChange,
): TeacherRateChange[] {
  const kept = changes.filter((c) => c.step < change.step);
  const from = kept.length === 0 && change.step > 0 ? [{ step: 0, learningRate: start }] : [];
  return [...from, ...kept, change];
}

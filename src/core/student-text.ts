/** A list of students as the page's text field and the CLI's --students flag write it. */
import { formatLayers, parseLayers } from './layers';
import { KIND_PARAMS, type MethodParam, PARAMS, STUDENT_KINDS, type StudentKind } from './methods';
import { DEFAULT_STUDENTS, type StudentSpec } from './students';

export type StudentsResult = { ok: true; students: StudentSpec[] } | { ok: false; error: string };

/** The keys each kind takes in the student syntax. */
function keysOf(kind: StudentKind): string[] {
  return [...KIND_PARAMS[kind].map((p) => PARAMS[p].key), 'hidden', 'name'];
}

const PARAM_OF_KEY = new Map(
  (Object.keys(PARAMS) as MethodParam[]).map((p) => [PARAMS[p].key, p] as const),
);

/**
 * Parses the command line's student list: comma-separated students, each `kind[:key=value]…` with
 * kinds `kd`, `dkd`, `ls`, `hint` and `scratch`; keys `hidden` (widths joined by `-`, each as the
 * layer syntax allows: `64-32`, `64tanh-32`), `name` and the method's own (`T`, `alpha`; `beta`,
 * `ce`, `warmup` for dkd; `eps` for ls; `gamma` for hint). Unnamed students are named by kind and
 * position ("KD 1", "Scratch 2"), except the default pair's. Every rejection names the offending
 * student and key; the values' limits are checked by `studentsProblem`.
 */
export function parseStudents(text: string): StudentsResult {
  const parts = text.split(',').map((p) => p.trim());
  const students: StudentSpec[] = [];
  for (const [i, part] of parts.entries()) {
    const where = `student ${i + 1} ("${part}")`;
    const [kind, ...pairs] = part.split(':');
    if (!isKind(kind)) {
      return { ok: false, error: `${where}: unknown kind; use ${STUDENT_KINDS.join(' or ')}.` };
    }
    const spec: StudentSpec = { name: '', kind };
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      if (!keysOf(kind).includes(key)) {
        return { ok: false, error: `${where}: unknown key "${key}" for ${kind}.` };
      }
      if (value === '') return { ok: false, error: `${where}: ${key} needs a value.` };
      if (key === 'name') spec.name = value;
      else if (key === 'hidden') {
        const layers = parseLayers(value.replaceAll('-', ','));
        if (!layers.ok) return { ok: false, error: `${where}: hidden: ${layers.error}` };
        spec.hidden = layers.layers;
      } else {
        const n = Number(value);
        const param = PARAM_OF_KEY.get(key);
        if (!param || !Number.isFinite(n)) {
          return { ok: false, error: `${where}: ${key} must be a number.` };
        }
        spec[param] = n;
      }
    }
    students.push(spec);
  }
  return { ok: true, students: named(students) };
}

/**
 * The list in the syntax `parseStudents` reads (names and every set key written out), for links:
 * "kd:name=Distilled,scratch:name=Scratch:hidden=64".
 */
export function formatStudents(students: readonly StudentSpec[]): string {
  return students
    .map((s) => {
      const keys = [`name=${s.name}`];
      if (s.hidden) keys.push(`hidden=${formatLayers(s.hidden).replaceAll(', ', '-')}`);
      for (const param of KIND_PARAMS[s.kind]) {
        const value = s[param];
        if (value !== undefined) keys.push(`${PARAMS[param].key}=${value}`);
      }
      return [s.kind, ...keys].join(':');
    })
    .join(',');
}

const SHORT_NAMES: Record<StudentKind, string> = {
  kd: 'KD',
  dkd: 'DKD',
  ls: 'LS',
  hint: 'Hint',
  scratch: 'Scratch',
};

/** Fills in missing names: the default pair keeps its own, others are numbered by kind. */
function named(students: StudentSpec[]): StudentSpec[] {
  const isDefaultPair =
    students.length === 2 &&
    students.every((s, i) => s.kind === DEFAULT_STUDENTS[i]?.kind && s.name === '');
  return students.map((s, i) => {
    if (s.name !== '') return s;
    const name = isDefaultPair
      ? (DEFAULT_STUDENTS[i]?.name ?? '')
      : `${SHORT_NAMES[s.kind]} ${i + 1}`;
    return { ...s, name };
  });
}

function isKind(kind: string | undefined): kind is StudentKind {
  return (STUDENT_KINDS as readonly string[]).includes(kind ?? '');
}

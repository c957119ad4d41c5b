/**
 * How a student learns — its method — and each method's parameters: names, defaults, limits and
 * the key the command line and links use. The losses themselves are in `core/method-losses.ts`
 * (pure, float64, with gradients) and `core/engine/method-terms.ts` (tfjs). Pure data here.
 */

export const STUDENT_KINDS = ['kd', 'dkd', 'ls', 'hint', 'scratch'] as const;
export type StudentKind = (typeof STUDENT_KINDS)[number];

/** The methods' names as the page shows them. */
export const KIND_LABELS: Record<StudentKind, string> = {
  kd: 'KD (Hinton)',
  dkd: 'DKD (decoupled)',
  ls: 'Label smoothing',
  hint: 'Hints (FitNets)',
  scratch: 'Scratch (labels)',
};

/** A student's own method parameters; absent ones take the method's default (or the run's). */
export interface MethodParams {
  temperature?: number;
  alpha?: number;
  /** DKD: weight of the non-target-class term. */
  beta?: number;
  /** DKD: weight of the cross-entropy. */
  ce?: number;
  /** DKD: warm-up epochs of the teacher terms (w = min(epoch / warm-up, 1); 0: none). */
  warmup?: number;
  /** Label smoothing: the share of probability spread evenly over the classes. */
  epsilon?: number;
  /** Hints: weight of the hint term. */
  gamma?: number;
}

export type MethodParam = keyof MethodParams;

/** Each parameter's key in the student syntax (`dkd:beta=8`, `ls:eps=0.1`) and its limits. */
export const PARAMS: Record<
  MethodParam,
  { key: string; label: string; min: number; max: number; integer?: boolean }
> = {
  temperature: { key: 'T', label: 'T', min: 1, max: 20 },
  alpha: { key: 'alpha', label: 'α', min: 0, max: 1 },
  beta: { key: 'beta', label: 'β', min: 0, max: 20 },
  ce: { key: 'ce', label: 'ce', min: 0, max: 10 },
  warmup: { key: 'warmup', label: 'warm-up', min: 0, max: 200, integer: true },
  epsilon: { key: 'eps', label: 'ε', min: 0, max: 0.99 },
  gamma: { key: 'gamma', label: 'γ', min: 0, max: 100 },
};

/** The parameters each method takes, in the order they are written. */
export const KIND_PARAMS: Record<StudentKind, readonly MethodParam[]> = {
  kd: ['temperature', 'alpha'],
  dkd: ['temperature', 'alpha', 'beta', 'ce', 'warmup'],
  ls: ['epsilon'],
  hint: ['temperature', 'alpha', 'gamma'],
  scratch: [],
};

/**
 * Defaults of the parameters a method holds for itself. KD's and the hint's T and α have none:
 * absent, they are the run's (its sliders' or its starting values). DKD's are mdistiller's; its α
 * weighs the target-class term and may exceed 1.
 */
export const KIND_DEFAULTS: Record<StudentKind, MethodParams> = {
  kd: {},
  dkd: { temperature: 4, alpha: 1, beta: 8, ce: 1, warmup: 0 },
  ls: { epsilon: 0.1 },
  hint: { gamma: 1 },
  scratch: {},
};

/** The limits of `param` for `kind`: DKD's α is a weight like β, not a share. */
export function paramLimits(kind: StudentKind, param: MethodParam): { min: number; max: number } {
  if (kind === 'dkd' && param === 'alpha') return { min: 0, max: 10 };
  return PARAMS[param];
}

/** Methods that learn from the teacher, and so from a transfer set's unlabelled rows too. */
export function learnsFromTeacher(kind: StudentKind): boolean {
  return kind === 'kd' || kind === 'dkd' || kind === 'hint';
}

/** Methods whose T and α follow the run's (its sliders and schedule) where they hold none. */
export function followsRun(kind: StudentKind): boolean {
  return kind === 'kd' || kind === 'hint';
}

/** `param` of a student: its own, else its method's default; undefined: the run's value. */
export function paramOf(
  spec: MethodParams & { kind: StudentKind },
  param: MethodParam,
): number | undefined {
  return spec[param] ?? KIND_DEFAULTS[spec.kind][param];
}

/**
 * The parameter of each method a live slider moves besides T and α (the sliders' student's; KD and
 * scratch have none): what a schedule's `param` field holds.
 */
export type SliderParamName = 'beta' | 'epsilon' | 'gamma';
export const SLIDER_PARAM: Partial<Record<StudentKind, SliderParamName>> = {
  dkd: 'beta',
  ls: 'epsilon',
  hint: 'gamma',
};

/**
 * `param` of a student at a step: the step's live value where `param` is the student's slider
 * parameter and the step carries one, else the student's own (or its method's default).
 */
export function paramAt(
  spec: MethodParams & { kind: StudentKind },
  param: MethodParam,
  step: { param?: number },
): number | undefined {
  return SLIDER_PARAM[spec.kind] === param && step.param !== undefined
    ? step.param
    : paramOf(spec, param);
}

/** DKD's warm-up factor at 0-based `epoch`: mdistiller's min(epoch / warm-up, 1), epochs from 1. */
export function warmupFactor(warmup: number, epoch: number): number {
  return warmup <= 0 ? 1 : Math.min((epoch + 1) / warmup, 1);
}

/** Why a student of `kind` cannot train on this run, or null. */
export function methodProblem(
  kind: StudentKind,
  run: {
    classes: number;
    importedTeacher: boolean;
    teacherLastDense: boolean;
    studentLastDense: boolean;
  },
): string | null {
  if (kind === 'dkd' && run.classes < 3) {
    return 'DKD needs at least 3 classes: with 2, the non-target classes are a single class, so its NCKD term is empty.';
  }
  if (kind === 'hint' && run.importedTeacher) {
    return "Hints read the teacher's last hidden layer; an imported teacher's layers are not the playground's to read.";
  }
  if (kind === 'hint' && (!run.teacherLastDense || !run.studentLastDense)) {
    return 'Hints need a dense last hidden layer in both the teacher and the student.';
  }
  return null;
}

/**
 * "T 4 α 1 β 8": the parameters a student's method holds — its own and, unless `ownOnly`, its
 * method's defaults; `shown` puts words in place of a value ("0.1 → 0.99" for one a run moved).
 */
export function paramsText(
  spec: MethodParams & { kind: StudentKind },
  ownOnly = false,
  shown: Partial<Record<MethodParam, string>> = {},
): string {
  return KIND_PARAMS[spec.kind]
    .flatMap((p) => {
      const value = shown[p] ?? (ownOnly ? spec[p] : paramOf(spec, p));
      return value === undefined ? [] : [`${PARAMS[p].label} ${value}`];
    })
    .join(' ');
}

/**
 * The T, α and learning-rate schedule of a run: the values in force from a student step on. A run
 * whose sliders moved while its students trained keeps each change here, so its link, its saved
 * record and the next Train replay the same changes at the same steps. Empty: the configuration's
 * values hold for the whole run. Pure data, no tfjs.
 */

/** The settings of one training step: what a schedule holds and what a step is taken at. */
export interface StepSettings {
  temperature: number;
  alpha: number;
  learningRate: number;
  /**
   * The sliders' student's method parameter (β for DKD, ε for label smoothing, γ for hints:
   * methods.ts SLIDER_PARAM); absent: the student's own value holds.
   */
  param?: number;
}

export interface SettingsChange extends StepSettings {
  /** Student step (0-based, counted over the students' own batches) from which the values hold. */
  step: number;
}

/** Changes a link may carry; far more than anyone makes by hand. */
export const MAX_SCHEDULE = 64;

/**
 * "0:4:0.7:0.001,120:16.5:0:0.001" — step:T:α:learning rate, in step order, and a fifth field
 * where a change carries the sliders' student's method parameter ("0:4:0.7:0.001:8").
 */
export function formatSchedule(schedule: readonly SettingsChange[]): string {
  return schedule
    .map((c) => {
      const param = c.param === undefined ? '' : `:${c.param}`;
      return `${c.step}:${c.temperature}:${c.alpha}:${c.learningRate}${param}`;
    })
    .join(',');
}

/** A plain decimal number, as a link's schedules write one. */
export const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

export type ScheduleResult =
  { ok: true; schedule: SettingsChange[] } | { ok: false; error: string };

export function parseSchedule(text: string): ScheduleResult {
  if (text.trim() === '') return { ok: true, schedule: [] };
  const schedule: SettingsChange[] = [];
  for (const [i, part] of text.split(',').entries()) {
    const fields = part.split(':');
    if (fields.length < 4 || fields.length > 5 || !fields.every((f) => NUMBER.test(f))) {
      return {
        ok: false,
        error: `change ${i + 1} is not step:T:α:learning rate[:method parameter]`,
      };
    }
    const [step, temperature, alpha, learningRate, param] = fields.map(Number) as [
      number,
      number,
      number,
      number,
      number | undefined,
    ];
    schedule.push({
      step,
      temperature,
      alpha,
      learningRate,
      ...(param === undefined ? {} : { param }),
    });
  }
  return { ok: true, schedule };
}

/** Inclusive bounds of the values, the same as the configuration's own. */
export interface SettingsLimits {
  temperature: { min: number; max: number };
  alpha: { min: number; max: number };
  learningRate: { min: number; max: number };
}

/** What is wrong with a schedule, or null: steps whole and rising, values within the limits. */
export function scheduleProblem(
  schedule: readonly SettingsChange[],
  limits: SettingsLimits,
): string | null {
  if (schedule.length > MAX_SCHEDULE) return `At most ${MAX_SCHEDULE} changes.`;
  let previous = -1;
  for (const [i, change] of schedule.entries()) {
    const name = `Change ${i + 1}`;
    if (!Number.isInteger(change.step) || change.step <= previous) {
      return `${name}: steps must be whole numbers, each after the one before.`;
    }
    previous = change.step;
    // A method parameter's limits are its student's (slider-param.ts scheduleParamProblem).
    for (const key of ['temperature', 'alpha', 'learningRate'] as const) {
      const { min, max } = limits[key];
      const value = change[key];
      if (!(value >= min && value <= max))
        return `${name}: ${key} must be between ${min} and ${max}.`;
    }
  }
  return null;
}

/** The values in force at step `step`, or null before the first change. */
export function valuesAt<C extends { step: number }>(
  schedule: readonly C[],
  step: number,
): C | null {
  let found: C | null = null;
  for (const change of schedule) {
    if (change.step > step) break;
    found = change;
  }
  return found;
}

/** The settings of student step `step` of a run that starts at `start` and follows `schedule`. */
export function settingsAt(
  schedule: readonly SettingsChange[],
  start: StepSettings,
  step: number,
): StepSettings {
  const { temperature, alpha, learningRate, param } = valuesAt(schedule, step) ?? start;
  return { temperature, alpha, learningRate, ...(param === undefined ? {} : { param }) };
}

/**
 * A live change applied at `change.step` during a run: what came at or after that step is replaced
 * (the person took over from there). The first change of a run also records where it started.
 */
export function withChange(
  schedule: readonly SettingsChange[],
  start: Omit<SettingsChange, 'step'>,
  change: SettingsChange,
): SettingsChange[] {
  const kept = schedule.filter((c) => c.step < change.step);
  const from = kept.length === 0 && change.step > 0 ? [{ step: 0, ...start }] : [];
  return [...from, ...kept, change];
}

/** "T 4 → 16.5 · α 0.7 → 0": where a scheduled run started and ended; plain values without one. */
export function scheduleSummary(config: {
  temperature: number;
  alpha: number;
  schedule: readonly SettingsChange[];
}): { temperature: string; alpha: string } {
  const first = config.schedule[0];
  const last = config.schedule.at(-1);
  const arrow = (from: number | undefined, to: number) =>
    from === undefined || from === to ? String(to) : `${from} → ${to}`;
  return {
    temperature: arrow(first?.temperature, last?.temperature ?? config.temperature),
    alpha: arrow(first?.alpha, last?.alpha ?? config.alpha),
  };
}

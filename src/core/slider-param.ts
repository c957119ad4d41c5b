/**
 * The method parameter the sliders move besides T and α — β of a DKD student, ε of a
 * label-smoothing student, γ of a hint student (methods.ts SLIDER_PARAM) — for the one student the
 * sliders act on. Its current value is that student's own in the list; a schedule's `param` field
 * records its changes. Pure data.
 */
import { PARAMS, SLIDER_PARAM, type SliderParamName, paramLimits, paramOf } from './methods';
import type { SettingsChange } from './schedule';
import { type StudentSpec, sliderIndex, studentsOf } from './students';

interface SliderConfig {
  students?: readonly StudentSpec[];
  sliders?: string;
}

export interface SliderParam {
  /** The sliders' student's place in the list. */
  index: number;
  param: SliderParamName;
  /** β, ε or γ. */
  label: string;
  value: number;
  min: number;
  max: number;
}

/** The sliders' student's method parameter and its value now; null when it has none. */
export function sliderParam(config: SliderConfig): SliderParam | null {
  const index = sliderIndex(config);
  const spec = studentsOf(config)[index];
  const param = spec && SLIDER_PARAM[spec.kind];
  if (!spec || !param) return null;
  const { min, max } = paramLimits(spec.kind, param);
  return { index, param, label: PARAMS[param].label, value: paramOf(spec, param) ?? 0, min, max };
}

/** The list with the sliders' student's method parameter at `value`; the list as it is without one. */
export function withSliderParam(config: SliderConfig, value: number): StudentSpec[] | undefined {
  const slider = sliderParam(config);
  if (!slider || !config.students) return config.students ? [...config.students] : undefined;
  return config.students.map((s, i) => (i === slider.index ? { ...s, [slider.param]: value } : s));
}

/**
 * What is wrong with a schedule's method parameters for this list, or null: they need a sliders'
 * student with a method parameter, and that parameter's limits.
 */
export function scheduleParamProblem(
  config: SliderConfig & { schedule: readonly SettingsChange[] },
): string | null {
  const changes = config.schedule.filter((c) => c.param !== undefined);
  if (changes.length === 0) return null;
  const slider = sliderParam(config);
  if (!slider) return 'The schedule moves a method parameter, but the sliders’ student has none.';
  const bad = changes.find(
    (c) => !((c.param ?? NaN) >= slider.min && (c.param ?? NaN) <= slider.max),
  );
  return bad
    ? `The schedule's ${slider.label} must be between ${slider.min} and ${slider.max}.`
    : null;
}

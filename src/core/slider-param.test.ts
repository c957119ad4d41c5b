import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, startValues } from './config';
import { validateConfig } from './config-check';
import { studentSettings } from './engine/driver';
import { paramAt } from './methods';
import { formatSchedule, parseSchedule } from './schedule';
import { scheduleParamProblem, sliderParam, withSliderParam } from './slider-param';
import { type StudentSpec, sliderIndex } from './students';
import { parseStudents } from './student-text';

function list(text: string): StudentSpec[] {
  const parsed = parseStudents(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.students;
}

const lr = DEFAULT_CONFIG.learningRate;

describe('the method parameter the sliders move', () => {
  it("is the sliders' student's β, ε or γ, its value its own or its method's default", () => {
    const students = list(
      'dkd:name=DKD:beta=4,ls:name=LS,hint:name=Hint:gamma=2,kd:name=KD,scratch',
    );
    expect(sliderParam({ students, sliders: 'DKD' })).toMatchObject({
      index: 0,
      param: 'beta',
      label: 'β',
      value: 4,
      max: 20,
    });
    expect(sliderParam({ students, sliders: 'LS' })).toMatchObject({
      param: 'epsilon',
      value: 0.1,
    });
    expect(sliderParam({ students, sliders: 'Hint' })).toMatchObject({ param: 'gamma', value: 2 });
    // A KD student has none; nor has the default pair.
    expect(sliderParam({ students, sliders: 'KD' })).toBeNull();
    expect(sliderParam({})).toBeNull();
  });

  it('defaults to the first student whose T and α the sliders move, as before DKD and LS could be chosen', () => {
    const students = list('dkd,ls,kd:name=First,scratch');
    expect(sliderIndex({ students })).toBe(2);
    expect(sliderIndex({ students: list('dkd,ls,scratch') })).toBe(0);
    expect(sliderIndex({ students: list('scratch,scratch:name=Other') })).toBe(-1);
  });

  it("sets the sliders' student's own value and leaves every other student as it was", () => {
    const students = list('kd,ls:name=LS:eps=0.2,ls:name=Other,scratch');
    const moved = withSliderParam({ students, sliders: 'LS' }, 0.4);
    expect(moved?.map((s) => s.epsilon)).toEqual([undefined, 0.4, undefined, undefined]);
    expect(students[1]?.epsilon).toBe(0.2);
  });

  it('goes to the sliders’ student alone, at each step of the run', () => {
    const students = list('ls:name=LS:eps=0.2,ls:name=Other:eps=0.3,kd,scratch');
    const config = { ...DEFAULT_CONFIG, students, sliders: 'LS' };
    const run = { temperature: 4, alpha: 0.7, learningRate: lr, param: 0.5 };
    const settings = studentSettings(config, run);
    expect(settings.map((s) => s.param)).toEqual([0.5, undefined, undefined, undefined]);
    const [chosen, other] = students;
    if (!chosen || !other || !settings[0] || !settings[1]) throw new Error('no students');
    // The step's value holds over the student's own; the other student keeps its own.
    expect(paramAt(chosen, 'epsilon', settings[0])).toBe(0.5);
    expect(paramAt(other, 'epsilon', settings[1])).toBe(0.3);
    // Only the method's slider parameter is taken from the step.
    expect(paramAt({ kind: 'dkd', ce: 2 }, 'ce', { param: 9 })).toBe(2);
  });

  it("starts from the schedule's step-0 value, else the student's own", () => {
    const students = list('dkd:name=DKD:beta=4,kd,scratch');
    const config = { ...DEFAULT_CONFIG, students, sliders: 'DKD' };
    expect(startValues(config).param).toBe(4);
    const schedule = [
      { step: 0, temperature: 4, alpha: 0.7, learningRate: lr, param: 8 },
      { step: 30, temperature: 4, alpha: 0.7, learningRate: lr, param: 4 },
    ];
    // The list holds the last value the slider set; the schedule remembers where the run began.
    expect(startValues({ ...config, schedule }).param).toBe(8);
    expect(startValues(DEFAULT_CONFIG).param).toBeUndefined();
  });

  it('is written as a fifth field of a change, read back, and checked against its student', () => {
    const schedule = [
      { step: 0, temperature: 4, alpha: 0.7, learningRate: 0.001 },
      { step: 12, temperature: 4, alpha: 0.7, learningRate: 0.001, param: 0.25 },
    ];
    const text = formatSchedule(schedule);
    expect(text).toBe('0:4:0.7:0.001,12:4:0.7:0.001:0.25');
    expect(parseSchedule(text)).toEqual({ ok: true, schedule });
    expect(parseSchedule('0:4:0.7:0.001:1:2')).toMatchObject({ ok: false });
    const ls = list('kd:name=KD,ls:name=LS,scratch');
    expect(scheduleParamProblem({ students: ls, sliders: 'LS', schedule })).toBeNull();
    const tooMuch = [{ ...schedule[1], step: 3, param: 1.5 }] as typeof schedule;
    expect(scheduleParamProblem({ students: ls, sliders: 'LS', schedule: tooMuch })).toMatch(
      /ε must be between 0 and 0.99/,
    );
    // A KD student has no method parameter to move.
    expect(scheduleParamProblem({ students: ls, sliders: 'KD', schedule })).toMatch(/has none/);
    const config = { ...DEFAULT_CONFIG, students: ls, sliders: 'KD', schedule };
    expect(validateConfig(config).schedule).toMatch(/has none/);
  });
});

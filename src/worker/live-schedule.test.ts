import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import { parseStudents } from '../core/students';
import { LiveSchedule } from './live-schedule';

describe('the live schedule', () => {
  it("applies a method parameter change at the next step and records where the run's began", () => {
    const parsed = parseStudents('kd,ls:name=LS:eps=0.2,scratch');
    if (!parsed.ok) throw new Error(parsed.error);
    const config = { ...DEFAULT_CONFIG, students: parsed.students, sliders: 'LS' };
    const live = new LiveSchedule(config);
    expect(live.step(0, 0)).toBeNull();
    expect(live.current.param).toBe(0.2);
    live.request({ param: 0.5 });
    const applied = live.step(7, 0);
    expect(applied).toMatchObject({ step: 7, param: 0.5, live: true });
    expect(live.current.param).toBe(0.5);
    const { temperature, alpha, learningRate } = DEFAULT_CONFIG;
    // The record starts where the run began — ε 0.2, not the list's value once the slider moved.
    expect(live.played()).toEqual([
      { step: 0, temperature, alpha, learningRate, param: 0.2 },
      { step: 7, temperature, alpha, learningRate, param: 0.5 },
    ]);
    // A request that changes nothing is no change.
    live.request({ param: 0.5 });
    expect(live.step(8, 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import { parseStudents } from '../core/student-text';
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

  it('puts a rate set while the teacher trains into the teacher’s schedule, and leaves it to the students too', () => {
    const live = new LiveSchedule(DEFAULT_CONFIG);
    const start = DEFAULT_CONFIG.learningRate;
    expect(live.teacherStep(0)).toEqual({ learningRate: start, change: null });
    live.request({ learningRate: 0.01 });
    expect(live.teacherStep(3)).toEqual({
      learningRate: 0.01,
      change: { step: 3, learningRate: 0.01 },
    });
    // Asked once, recorded once: the next steps read it from the schedule.
    expect(live.teacherStep(4)).toEqual({ learningRate: 0.01, change: null });
    expect(live.playedTeacher()).toEqual([
      { step: 0, learningRate: start },
      { step: 3, learningRate: 0.01 },
    ]);
    // The students take it at their first step, as a live change of their own schedule.
    expect(live.step(0, 0)).toMatchObject({ step: 0, learningRate: 0.01, live: true });
  });

  it('replays a teacher schedule from the configuration', () => {
    const teacherSchedule = [
      { step: 0, learningRate: 0.002 },
      { step: 5, learningRate: 0.0005 },
    ];
    const live = new LiveSchedule({ ...DEFAULT_CONFIG, teacherSchedule });
    expect([0, 4, 5, 9].map((s) => live.teacherStep(s).learningRate)).toEqual([
      0.002, 0.002, 0.0005, 0.0005,
    ]);
    expect(live.playedTeacher()).toEqual(teacherSchedule);
  });
});

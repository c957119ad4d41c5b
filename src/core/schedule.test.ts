import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, LIMITS, sameTeacher, startValues } from './config';
import { validateConfig } from './config-check';
import {
  formatSchedule,
  parseSchedule,
  scheduleProblem,
  scheduleSummary,
  valuesAt,
  withChange,
} from './schedule';
import { decodeHash, encodeHash } from './url-hash';

const start = { temperature: 4, alpha: 0.7, learningRate: 0.001 };
const schedule = [
  { step: 0, ...start },
  { step: 120, temperature: 16.5, alpha: 0, learningRate: 0.001 },
];

describe('schedule', () => {
  it('round-trips through its text form', () => {
    const text = formatSchedule(schedule);
    expect(text).toBe('0:4:0.7:0.001,120:16.5:0:0.001');
    expect(parseSchedule(text)).toEqual({ ok: true, schedule });
    expect(parseSchedule('')).toEqual({ ok: true, schedule: [] });
    expect(parseSchedule('0:4:0.7')).toEqual({
      ok: false,
      error: 'change 1 is not step:T:α:learning rate[:method parameter]',
    });
  });

  it('names what is wrong: steps out of order, values out of range', () => {
    expect(scheduleProblem(schedule, LIMITS)).toBeNull();
    expect(scheduleProblem([schedule[1], schedule[0]] as typeof schedule, LIMITS)).toBe(
      'Change 2: steps must be whole numbers, each after the one before.',
    );
    expect(scheduleProblem([{ step: 0, ...start, alpha: 2 }], LIMITS)).toBe(
      'Change 1: alpha must be between 0 and 1.',
    );
  });

  it('gives the values in force at a step', () => {
    expect(valuesAt(schedule, 0)?.temperature).toBe(4);
    expect(valuesAt(schedule, 119)?.temperature).toBe(4);
    expect(valuesAt(schedule, 120)?.temperature).toBe(16.5);
    expect(valuesAt([], 5)).toBeNull();
  });

  it('takes a live change over from its step on, recording where the run started', () => {
    const first = withChange([], start, { step: 50, ...start, temperature: 8 });
    expect(first.map((c) => [c.step, c.temperature])).toEqual([
      [0, 4],
      [50, 8],
    ]);
    // A later change at step 30 replaces what a replayed schedule had from there on.
    const replaced = withChange(schedule, start, { step: 30, ...start, alpha: 0.2 });
    expect(replaced.map((c) => [c.step, c.alpha])).toEqual([
      [0, 0.7],
      [30, 0.2],
    ]);
  });

  it('summarizes a run’s start and end values', () => {
    const config = { ...DEFAULT_CONFIG, temperature: 16.5, alpha: 0, schedule };
    expect(scheduleSummary(config)).toEqual({ temperature: '4 → 16.5', alpha: '0.7 → 0' });
    expect(scheduleSummary(DEFAULT_CONFIG)).toEqual({ temperature: '4', alpha: '0.7' });
  });

  it('starts a run at its first change; the teacher trains at the starting learning rate', () => {
    const config = { ...DEFAULT_CONFIG, temperature: 16.5, alpha: 0, learningRate: 0.01, schedule };
    expect(startValues(config)).toEqual(start);
    expect(startValues(DEFAULT_CONFIG)).toEqual(start);
    expect(sameTeacher(config, DEFAULT_CONFIG)).toBe(true);
    expect(validateConfig(config)).toEqual({});
  });

  it('travels in the link, and a schedule that contradicts T, a and lr is refused', () => {
    const config = { ...DEFAULT_CONFIG, temperature: 16.5, alpha: 0, schedule };
    const hash = encodeHash(config);
    expect(hash).toMatch(/&sch=0:4:0\.7:0\.001,120:16\.5:0:0\.001$/);
    expect(decodeHash(hash)).toEqual({ config, notices: [], present: true });
    expect(encodeHash(DEFAULT_CONFIG)).not.toMatch(/sch=/);
    const contradicting = decodeHash(hash.replace('T=16.5', 'T=3'));
    expect(contradicting.config.schedule).toEqual([]);
    expect(contradicting.notices).toEqual([
      'sch ignored (its last change does not match T, a and lr).',
    ]);
  });
});

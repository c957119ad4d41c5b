import { describe, expect, it } from 'vitest';
import { peerRatios } from './bench-print';

const timing = (samplesPerSecond: number) => ({
  samplesPerSecond,
  msPerStep: 1,
  dispatchesPerStep: 10,
  submitsPerStep: 0.1,
});
const round = (teacher: number, students: number, jax: [number, number]) => ({
  race: {
    teacher: { fused: timing(teacher), tfjs: timing(1) },
    students: { fused: timing(students), tfjs: timing(1) },
  },
  jax: { teacher: jax[0], students: jax[1] },
});

describe('ours / jax-js over alternated rounds', () => {
  it('gives each round, the median and range, and the budget verdict', () => {
    const r = peerRatios([
      round(300, 900, [200, 1000]),
      round(100, 800, [200, 1000]),
      round(240, 1200, [200, 1000]),
    ]);
    expect(r.teacher.each).toEqual([1.5, 0.5, 1.2]);
    expect(r.teacher.median).toBe(1.2);
    expect([r.teacher.min, r.teacher.max]).toEqual([0.5, 1.5]);
    expect(r.teacher.pass).toBe(true);
    expect(r.students.median).toBe(0.9);
    expect(r.students.pass).toBe(false);
  });
});

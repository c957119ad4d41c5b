import { describe, expect, it } from 'vitest';
import type { TrainingCost } from './training';
import { joules, perJoule, si, teacherCostSentence } from './cost-text';

const cost = (flops: number, seconds: number | null): TrainingCost => ({
  steps: 10,
  samples: 100,
  seconds,
  flops,
  energyJ: { lowJ: 1e-6, highJ: 2e-6 },
});

describe('cost text', () => {
  it('writes SI prefixes with two or three significant digits', () => {
    expect(si(6_512_640, 'FLOP')).toBe('6.51 MFLOP');
    expect(si(2.9e12, 'FLOP')).toBe('2.9 TFLOP');
    expect(si(1.42e-8, 'J')).toBe('14.2 nJ');
    expect(si(1.836e-10, 'J')).toBe('184 pJ');
  });

  it('writes an estimate as a range, and as predictions a joule', () => {
    expect(joules({ lowJ: 1.2e-9, highJ: 14e-9 })).toBe('1.2–14 nJ');
    expect(joules({ lowJ: 1.836e-10, highJ: 1.42e-8 })).toBe('184 pJ – 14.2 nJ');
    expect(perJoule({ lowJ: 1e-9, highJ: 1e-8 })).toBe('100 M–1 G / J');
  });

  it('sets the teacher’s cost beside a student’s', () => {
    expect(
      teacherCostSentence(cost(2.9e12, 88), { name: 'Distilled student', cost: cost(9.4e10, 12) }),
    ).toBe(
      "Training the teacher took 88.0 s and 2.9 TFLOP, 31× the distilled student's 94 GFLOP; the students trained together in 12.0 s.",
    );
    expect(
      teacherCostSentence(cost(2e6, null), { name: 'Distilled student', cost: cost(1e6, null) }),
    ).toBe(
      "Training the teacher cost 2 MFLOP (not all of it timed in this run), 2.0× the distilled student's 1 MFLOP.",
    );
    expect(
      teacherCostSentence(undefined, { name: 'Distilled student', cost: cost(1, 1) }),
    ).toBeNull();
  });
});

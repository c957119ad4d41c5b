import { describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../test-support/tiny-moons';
import { capacityStudents } from './capacity';
import { capacityPairs, rosterSizes, seedSizes } from './capacity-roster';
import type { ModelSummary } from './results';

const config = { ...TINY_MOONS, students: capacityStudents([[2], [3, 3]]) };
const model = (accuracy: number): ModelSummary => ({ parameters: 0, accuracy });

describe("a run's own capacity students", () => {
  it('pairs each network only where there are two or more', () => {
    expect(capacityPairs(config)).toEqual([
      { student: 0, scratch: 1 },
      { student: 2, scratch: 3 },
    ]);
    expect(capacityPairs(TINY_MOONS)).toBeNull();
  });

  it("reads each network's students and paired rows; seeds pool by network", () => {
    const models = {
      teacher: model(0.9),
      distilled: model(0.8),
      scratch: model(0.7),
      'student-2': model(0.85),
      'student-3': model(0.75),
    } as const;
    const counts = { n: 40, onlyFirst: 5, onlySecond: 1 };
    const comparison = {
      distilled: 'KD 3x3',
      scratch: 'Scratch 3x3',
      kdIndex: 2,
      scratchIndex: 3,
      counts,
      difference: 0.1,
      low: 0,
      high: 0.2,
      p: 0.2,
      n: 40,
      pHolm: 0.4,
    };
    const sizes = rosterSizes(config, models, [comparison]);
    // Moons: 2 inputs, 2 classes: 2-2-2 and 2-3-3-2.
    expect(sizes?.map((s) => [s.hidden, s.parameters, s.distilled, s.scratch])).toEqual([
      ['2', 12, 0.8, 0.7],
      ['3x3', 29, 0.85, 0.75],
    ]);
    expect(sizes?.[1]?.counts).toEqual(counts);
    const seeds = [0, 1].map((index) => ({ index, seed: 42 + index, models }));
    expect(seedSizes(config, seeds)).toHaveLength(2);
    expect(rosterSizes(config, { teacher: model(0.9) })).toBeNull();
  });
});

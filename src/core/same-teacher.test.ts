import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, sameTeacher } from './config';
import { denseStack } from './layers';

describe('sameTeacher', () => {
  it('ignores what only the students use', () => {
    const other = {
      ...DEFAULT_CONFIG,
      temperature: 9,
      alpha: 0.2,
      studentHidden: denseStack([8]),
      studentEpochs: 3,
      labeledFraction: 0.5,
      transferSet: false,
    };
    expect(sameTeacher(DEFAULT_CONFIG, other)).toBe(true);
  });

  it('notices a different teacher or different data', () => {
    for (const change of [
      { seed: 1 },
      { teacherHidden: denseStack([256]) },
      { teacherHidden: denseStack([512, 512], 0.1) },
      { teacherEpochs: 2 },
      { learningRate: 0.01 },
      { batchSize: 64 },
      { dataset: 'moons' as const },
    ]) {
      expect(sameTeacher(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, ...change })).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { gainSentences, samplingHalfWidth } from './results';

const base = { summary: {}, epochs: [], seeds: [], dataset: 'mnist' };
const model = (accuracy: number) => ({ parameters: 1, accuracy, agreement: accuracy });

describe('gainSentences', () => {
  it('waits for the students', () => {
    expect(gainSentences(base)).toBeNull();
  });
  it('calls the latest epoch’s gap provisional while the students train', () => {
    const epochs = [
      { model: 'distilled' as const, epoch: 1, trainLoss: 1, testAccuracy: 0.9 },
      { model: 'scratch' as const, epoch: 1, trainLoss: 1, testAccuracy: 0.8 },
    ];
    expect(gainSentences({ ...base, epochs })?.[0]).toMatch(
      /^So far: distilled 90\.0 % vs scratch 80\.0 % at the latest epoch\. Whether/,
    );
  });
  it('tests one run on its paired test rows, accuracy and agreement', () => {
    const students = {
      accuracy: { n: 2000, onlyFirst: 60, onlySecond: 68 },
      agreement: { n: 2000, onlyFirst: 200, onlySecond: 50 },
    };
    const lines = gainSentences({ ...base, students });
    expect(lines?.[0]).toMatch(/^No difference this run can tell from chance \(−0\.4 points/);
    expect(lines?.[0]).toMatch(/on 2,000 paired test digits\)\.$/);
    expect(lines?.[1]).toMatch(/^The distilled student agrees with the teacher more often/);
  });
  it('tests across seeds once two have finished', () => {
    const seeds = [0.9, 0.91].map((d, index) => ({
      index,
      seed: 42 + index,
      models: { distilled: model(d), scratch: model(0.8) },
    }));
    expect(gainSentences({ ...base, seeds, dataset: 'moons' })?.[0]).toMatch(
      /^Across 2 seeds, distillation gained 10\.5 points on average \(95 % CI/,
    );
  });
});

describe('samplingHalfWidth', () => {
  it('is 1.96 · √(p(1 − p) / n)', () => {
    // 90 % on 2,000 rows: 1.96 · √(0.09 / 2,000) = 0.01315.
    expect(samplingHalfWidth(0.9, 2000)).toBeCloseTo(0.013148, 5);
  });
});

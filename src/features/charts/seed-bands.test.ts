import { describe, expect, it } from 'vitest';
import { accuracyTicks } from './axes';
import { seedBand, seedFinals } from './seed-bands';

const epoch = (model: 'teacher' | 'distilled', e: number, testAccuracy: number) => ({
  model,
  epoch: e,
  trainLoss: 1,
  testAccuracy,
});

describe('seedBand', () => {
  it('averages the seeds that reached each epoch, with a t interval where there are two or more', () => {
    const own = [epoch('distilled', 1, 0.8), epoch('distilled', 2, 0.9), epoch('teacher', 1, 0.5)];
    const others = [
      { index: 1, result: epoch('distilled', 1, 0.7) },
      { index: 2, result: epoch('distilled', 1, 0.9) },
    ];
    const band = seedBand(own, others, 'distilled');
    expect(band.map((b) => [b.epoch, b.n])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    // 0.7, 0.8, 0.9: mean 0.8, sd 0.1, half-width 4.303 · 0.1 / √3 = 0.2484.
    expect(band[0]?.testAccuracy).toBeCloseTo(0.8, 12);
    expect(band[0]?.band[0]).toBeCloseTo(0.8 - 0.24843, 4);
    expect(band[0]?.band[1]).toBe(1);
    expect(band[1]?.band).toEqual([0.9, 0.9]);
  });
});

describe('seedFinals', () => {
  it('puts each seed’s final accuracy at the last epoch', () => {
    const seeds = [
      { index: 0, seed: 5, models: { teacher: { parameters: 1, accuracy: 0.9 } } },
      { index: 1, seed: 6, models: {} },
    ];
    expect(seedFinals(seeds, 'teacher', 4)).toEqual([{ epoch: 4, testAccuracy: 0.9, seed: 5 }]);
  });
});

describe('accuracyTicks', () => {
  it('spaces ticks evenly up to 100 %, at most six', () => {
    expect(accuracyTicks(0.81)).toEqual([0.8, 0.85, 0.9, 0.95, 1]);
    expect(accuracyTicks(0.72)).toEqual([0.7, 0.8, 0.9, 1]);
    expect(accuracyTicks(0.55)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(accuracyTicks(0.12)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(accuracyTicks(1)).toEqual([1]);
  });
});

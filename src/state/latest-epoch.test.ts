import { describe, expect, it } from 'vitest';
import { latestByModel } from './latest-epoch';

const epoch = (model: 'teacher' | 'distilled', n: number) => ({
  model,
  epoch: n,
  trainLoss: 0.1,
  testAccuracy: 0.5,
});

describe('latestByModel', () => {
  it("holds each model's last result", () => {
    const epochs = [epoch('teacher', 1), epoch('distilled', 1), epoch('teacher', 2)];
    const latest = latestByModel(epochs);
    expect(latest.get('distilled')?.epoch).toBe(1);
    expect(latest.get('teacher')?.epoch).toBe(2);
    expect(latest.get('scratch')).toBeUndefined();
  });

  it('reads a list once, and a new list again', () => {
    const epochs = [epoch('distilled', 1)];
    expect(latestByModel(epochs)).toBe(latestByModel(epochs));
    const next = [...epochs, epoch('distilled', 2)];
    expect(latestByModel(next).get('distilled')?.epoch).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type TransferSeedModel,
  describeTransfer,
  distilledVsScratch,
  parseTransfer,
  stepsTo90,
  transferRows,
  transferStudents,
} from './transfer';
import { denseStack } from './layers';

describe('parseTransfer', () => {
  it("reads the issue's form, with defaults for what it leaves out", () => {
    expect(parseTransfer('fashion-mnist:labels=500:epochs=5:mode=finetune')).toEqual({
      ok: true,
      spec: { target: 'fashion-mnist', labels: 500, epochs: 5, mode: 'finetune' },
    });
    expect(parseTransfer('mnist:labels=all:mode=probe')).toEqual({
      ok: true,
      spec: { target: 'mnist', labels: null, epochs: 5, mode: 'probe' },
    });
  });

  it.each([
    ['imagenet', /"imagenet" is not a dataset/],
    ['csv', /"csv" is not a dataset/],
    ['mnist:labels=5', /"labels=5" is not/],
    ['mnist:mode=freeze', /"mode=freeze" is not/],
    ['mnist:epochs=0', /"epochs=0" is not/],
  ])('refuses %j', (text, error) => {
    const r = parseTransfer(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('transferStudents', () => {
  it('pairs each model with its fresh twin; a probe freezes both', () => {
    const hidden = denseStack([8]);
    expect(transferStudents([{ name: 'Teacher', hidden }], 'probe')).toEqual([
      { name: 'Teacher', kind: 'scratch', hidden, probe: true },
      { name: 'Teacher (fresh)', kind: 'scratch', hidden, probe: true },
    ]);
  });
});

describe('stepsTo90', () => {
  it('counts the steps to the first epoch at 90 % of the final accuracy', () => {
    expect(stepsTo90([0.2, 0.5, 0.85, 0.9], 4)).toBe(12);
    expect(stepsTo90([0.95, 0.9], 4)).toBe(4);
  });
});

const model = (name: string, acc: number, fresh: number, only: [number, number]) =>
  ({
    name,
    testAccuracy: acc,
    fresh: { testAccuracy: fresh, stepsTo90: 20 },
    counts: { n: 1000, onlyFirst: only[0], onlySecond: only[1] },
    curve: [acc],
    freshCurve: [fresh],
    stepsTo90: 8,
    secondsPerEpoch: 0.5,
  }) satisfies TransferSeedModel;

describe('transferRows and the sentence', () => {
  it('gives one seed its paired test-row intervals, Holm-adjusted over the models', () => {
    const rows = transferRows([
      [model('Teacher', 0.8, 0.7, [130, 30]), model('Scratch', 0.7, 0.7, [5, 5])],
    ]);
    expect(rows[0]?.gain.difference).toBeCloseTo(0.1, 12);
    expect(rows[0]?.gain.pHolm).toBeCloseTo(2 * (rows[0]?.gain.p ?? 0), 12);
    expect(rows[1]?.gain.pHolm).toBe(1);
    const versus = distilledVsScratch([
      { distilled: 0.71, scratch: 0.7, counts: { n: 1000, onlyFirst: 25, onlySecond: 15 } },
    ]);
    expect(versus?.difference).toBeCloseTo(0.01, 12);
    expect(describeTransfer(rows, versus, '1 seed')).toMatch(
      /^Starting from the trained weights beat a fresh network for Teacher \(1 seed, Holm-adjusted over 2 models\)\. The distilled student adapted no better than the scratch one beyond chance \(\+1\.0 points/,
    );
  });

  it('pools seeds: means, and the gain paired by seed', () => {
    const seeds = [0.1, 0.12, 0.11].map((g) => [model('Teacher', 0.7 + g, 0.7, [0, 0])]);
    const [row] = transferRows(seeds);
    expect(row?.testAccuracy).toBeCloseTo(0.81, 12);
    expect(row?.gain.low).toBeGreaterThan(0);
    expect(row?.gain.p).toBeLessThan(0.05);
  });
});

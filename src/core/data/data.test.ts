import { describe, expect, it } from 'vitest';
import { BatchPlan, range } from '../batches';
import { DATASET_SHAPES } from '../config';
import { labeledSubset, splitTrainTest } from './split';
import { type SyntheticName, generateSynthetic } from './synthetic';

describe('splits and the labelled subset', () => {
  it('splits the same way for the same seed and differently for another', () => {
    const x = Float32Array.from(range(100));
    const y = Int32Array.from(range(100), (i) => i % 2);
    const a = splitTrainTest('t', x, y, 1, 2, 80, 3);
    const b = splitTrainTest('t', x, y, 1, 2, 80, 3);
    const c = splitTrainTest('t', x, y, 1, 2, 80, 4);
    expect(a).toEqual(b);
    expect(a.xTrain).not.toEqual(c.xTrain);
    const all = [...a.xTrain, ...a.xTest].sort((p, q) => p - q);
    expect(all).toEqual(Array.from(x));
  });

  it('keeps the requested share, stratified, with every class present', () => {
    const y = Int32Array.from({ length: 8000 }, (_, i) => i % 10);
    const subset = labeledSubset(y, 10, 0.025, 42);
    expect(subset.length).toBe(200);
    const perClass = new Map<number, number>();
    for (const r of subset) perClass.set(y[r] as number, (perClass.get(y[r] as number) ?? 0) + 1);
    expect([...perClass.values()]).toEqual(Array(10).fill(20));
    expect(new Set(subset).size).toBe(200);
    expect(labeledSubset(y, 10, 0.025, 42)).toEqual(subset);
    expect(labeledSubset(y, 10, 0.0001, 42).length).toBe(10);
    expect(labeledSubset(y, 10, 1, 42).length).toBe(8000);
  });
});

describe('batch plan', () => {
  it('visits every row once per epoch and reshuffles between epochs', () => {
    const plan = new BatchPlan(range(10), 4, 9);
    expect(plan.stepsPerEpoch).toBe(3);
    const epoch0 = [0, 1, 2].flatMap((s) => Array.from(plan.batch(s)));
    const epoch1 = [3, 4, 5].flatMap((s) => Array.from(plan.batch(s)));
    expect([...epoch0].sort((a, b) => a - b)).toEqual(Array.from(range(10)));
    expect([...epoch1].sort((a, b) => a - b)).toEqual(Array.from(range(10)));
    expect(epoch0).not.toEqual(epoch1);
    expect(plan.batch(2).length).toBe(2);
  });
});

describe('synthetic datasets', () => {
  it.each(['spiral', 'moons', 'circles', 'xor', 'blobs'] as SyntheticName[])(
    '%s: seeded, finite, every class present, 80/20 split',
    (name) => {
      const a = generateSynthetic(name, 500, 0.2, 5);
      expect(a).toEqual(generateSynthetic(name, 500, 0.2, 5));
      expect(a.yTrain.length).toBe(400);
      expect(a.yTest.length).toBe(100);
      expect(a.xTrain.every(Number.isFinite)).toBe(true);
      expect(new Set(a.yTrain).size).toBe(DATASET_SHAPES[name].classes);
      expect(generateSynthetic(name, 500, 0.8, 5).xTrain).not.toEqual(a.xTrain);
    },
  );
});

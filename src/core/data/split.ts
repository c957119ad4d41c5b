import { createRng, deriveSeed, permutation } from '../rng';
import { type Dataset, takeLabels, takeRows } from './dataset';

/** Seeded shuffle-then-cut split: the first `trainCount` shuffled rows train, the rest test. */
export function splitTrainTest(
  name: string,
  x: Float32Array,
  y: Int32Array,
  features: number,
  classes: number,
  trainCount: number,
  seed: number,
): Dataset {
  const order = permutation(y.length, createRng(deriveSeed(seed, 'split')));
  const train = order.subarray(0, trainCount);
  const test = order.subarray(trainCount);
  return {
    name,
    features,
    classes,
    xTrain: takeRows(x, features, train),
    yTrain: takeLabels(y, train),
    xTest: takeRows(x, features, test),
    yTest: takeLabels(y, test),
  };
}

/**
 * Indices of the training rows that keep their hard labels, stratified by class so that even a
 * 1 % subset has every class (at least one row each, where the class exists). Sorted ascending.
 */
export function labeledSubset(
  yTrain: Int32Array,
  classes: number,
  fraction: number,
  seed: number,
): Int32Array {
  if (fraction >= 1) return Int32Array.from(yTrain.keys());
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  yTrain.forEach((label, i) => byClass[label]?.push(i));
  const rng = createRng(deriveSeed(seed, 'labeled'));
  const chosen: number[] = [];
  for (const rows of byClass) {
    if (rows.length === 0) continue;
    const keep = Math.max(1, Math.round(rows.length * fraction));
    const order = permutation(rows.length, rng);
    for (let i = 0; i < keep; i++) chosen.push(rows[order[i] as number] as number);
  }
  return Int32Array.from(chosen.sort((a, b) => a - b));
}

/** Random 28 × 28 "MNIST" rows of `classes` classes: for engine tests whose values do not matter. */
import { createRng } from '../core/rng';

export function randomImages(seed: number, train: number, test: number, classes = 3) {
  const rng = createRng(seed);
  const x = (n: number) => Float32Array.from({ length: n * 784 }, () => rng.next());
  const y = (n: number) => Int32Array.from({ length: n }, () => rng.int(classes));
  const split = { xTrain: x(train), yTrain: y(train), xTest: x(test), yTest: y(test) };
  return { name: 'mnist', features: 784, classes, ...split };
}

import { DATASET_LABELS, DATASET_SHAPES } from '../config';
import { type Rng, createRng, deriveSeed } from '../rng';
import type { Dataset } from './dataset';
import { splitTrainTest } from './split';

export type SyntheticName = 'spiral' | 'moons' | 'circles' | 'xor' | 'blobs';

/** Share of synthetic points held out for testing. */
export const SYNTHETIC_TEST_FRACTION = 0.2;

type Point = [x: number, y: number, label: number];
type Generator = (i: number, n: number, noise: number, rng: Rng) => Point;

const TAU = 2 * Math.PI;

/** Each generator maps point i of n to a labelled point with coordinates roughly in [-1.5, 1.5]. */
const GENERATORS: Record<SyntheticName, Generator> = {
  spiral(i, n, noise, rng) {
    const arms = DATASET_SHAPES.spiral.classes;
    const label = i % arms;
    const t = Math.floor(i / arms) / Math.ceil(n / arms);
    const angle = (label * TAU) / arms + 1.75 * TAU * t + noise * 0.6 * rng.normal();
    const r = 0.1 + 1.3 * t;
    return [r * Math.cos(angle), r * Math.sin(angle), label];
  },
  moons(i, _n, noise, rng) {
    const label = i % 2;
    const a = Math.PI * rng.next();
    const [x, y] = label === 0 ? [Math.cos(a), Math.sin(a)] : [1 - Math.cos(a), 0.5 - Math.sin(a)];
    const s = noise * 0.4;
    return [x - 0.5 + s * rng.normal(), y - 0.25 + s * rng.normal(), label];
  },
  circles(i, _n, noise, rng) {
    const label = i % 2;
    const a = TAU * rng.next();
    const r = (label === 0 ? 1.2 : 0.6) + noise * 0.25 * rng.normal();
    return [r * Math.cos(a), r * Math.sin(a), label];
  },
  xor(_i, _n, noise, rng) {
    const x = 3 * rng.next() - 1.5;
    const y = 3 * rng.next() - 1.5;
    const label = x * y > 0 ? 1 : 0;
    const s = noise * 0.4;
    return [x + s * rng.normal(), y + s * rng.normal(), label];
  },
  blobs(i, _n, noise, rng) {
    const label = i % DATASET_SHAPES.blobs.classes;
    const angle = (label * TAU) / DATASET_SHAPES.blobs.classes + Math.PI / 4;
    const s = 0.15 + noise * 0.6;
    return [Math.cos(angle) + s * rng.normal(), Math.sin(angle) + s * rng.normal(), label];
  },
};

/** Generates `samples` points (seeded) and splits them 80 / 20 into train and test. */
export function generateSynthetic(
  name: SyntheticName,
  samples: number,
  noise: number,
  seed: number,
): Dataset {
  const rng = createRng(deriveSeed(seed, `synthetic:${name}`));
  const x = new Float32Array(samples * 2);
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const [px, py, label] = GENERATORS[name](i, samples, noise, rng);
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = label;
  }
  const trainCount = Math.round(samples * (1 - SYNTHETIC_TEST_FRACTION));
  const { classes } = DATASET_SHAPES[name];
  return splitTrainTest(DATASET_LABELS[name], x, y, 2, classes, trainCount, seed);
}

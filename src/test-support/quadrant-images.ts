/**
 * A small image task a conv network learns in a few epochs, and the conv run the engine tests
 * train on it (fused WGSL, fused CPU, tfjs): 28 × 28 images of four classes, a brighter 5 × 5
 * square in one quadrant on uniform noise.
 */
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { conv, dense } from '../core/layers';
import { createRng } from '../core/rng';

export function quadrantImages(train: number, test: number): Dataset {
  const rng = createRng(3);
  const images = (n: number) => {
    const x = new Float32Array(n * 784);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const label = rng.int(4);
      y[i] = label;
      const [top, left] = [label < 2 ? 4 : 18, label % 2 === 0 ? 4 : 18];
      for (let p = 0; p < 784; p++) {
        const [row, col] = [Math.floor(p / 28), p % 28];
        const square = row >= top && row < top + 5 && col >= left && col < left + 5;
        x[i * 784 + p] = (square ? 0.6 : 0) + rng.next();
      }
    }
    return { x, y };
  };
  const [a, b] = [images(train), images(test)];
  return {
    name: 'mnist',
    features: 784,
    classes: 4,
    xTrain: a.x,
    yTrain: a.y,
    xTest: b.x,
    yTest: b.y,
  };
}

/** A CNN teacher and conv students, a few epochs on `quadrantImages(320, 200)`. */
export const QUADRANT_CONV_RUN: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('mnist'),
  dataset: 'mnist',
  teacherHidden: [conv(4), dense(16, 'tanh')],
  studentHidden: [conv(2), dense(8, 'tanh')],
  teacherEpochs: 3,
  studentEpochs: 2,
  labeledFraction: 1,
  learningRate: 0.01,
  batchSize: 32,
  seed: 5,
};

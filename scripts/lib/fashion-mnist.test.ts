import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FASHION_TRAIN_COUNT } from '../../src/core/data/class-names';
import { decodeImages, imageDataset } from '../../src/core/data/image-file';
import {
  FASHION_FILE,
  TEST_PER_CLASS,
  TRAIN_PER_CLASS,
  buildFashionFile,
  debianFilesPresent,
  readSplit,
} from './fashion-mnist';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const counts = (labels: ArrayLike<number>) => {
  const n = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++)
    n[labels[i] as number] = (n[labels[i] as number] ?? 0) + 1;
  return n;
};

describe('the shipped Fashion-MNIST file', () => {
  const bytes = readFileSync(FASHION_FILE);

  it('holds 10,000 training and 2,000 test images, each class equally, in at most 12 MB', () => {
    expect(bytes.length).toBeLessThanOrEqual(12e6);
    const images = decodeImages(new Uint8Array(bytes).buffer, 'Fashion-MNIST');
    expect(images.count).toBe(12_000);
    expect(images.trainCount).toBe(10_000);
    // What the page counts its steps by before the file is loaded.
    expect(FASHION_TRAIN_COUNT).toBe(images.trainCount);
    const data = imageDataset('Fashion-MNIST', images, 10, 42);
    expect(counts(data.yTrain)).toEqual(new Array(10).fill(TRAIN_PER_CLASS));
    expect(counts(data.yTest)).toEqual(new Array(10).fill(TEST_PER_CLASS));
    // Garments, not noise: about half of a typical image is background (0).
    const zeros = data.xTrain.subarray(0, 784 * 100).filter((v) => v === 0).length;
    expect(zeros / (784 * 100)).toBeGreaterThan(0.3);
  });

  // The Debian package is installed by .ci/run; elsewhere the committed file is all there is.
  it.skipIf(!debianFilesPresent())(
    'is rebuilt byte for byte from Debian’s IDX files, whose headers and first labels are the originals',
    () => {
      const train = readSplit('/usr/share/datasets/fashion-mnist', 'train');
      const test = readSplit('/usr/share/datasets/fashion-mnist', 't10k');
      expect(train.labels.length).toBe(60_000);
      expect(test.labels.length).toBe(10_000);
      // The first labels of each split as the dataset's own loaders show them (9 = ankle boot).
      expect(Array.from(train.labels.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
      expect(Array.from(test.labels.subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
      // The first training image's middle row: an ankle boot's sole.
      expect(Array.from(train.pixels.subarray(14 * 28 + 12, 14 * 28 + 16))).toEqual([
        237, 226, 217, 223,
      ]);
      expect(sha(buildFashionFile())).toBe(sha(bytes));
    },
  );
});

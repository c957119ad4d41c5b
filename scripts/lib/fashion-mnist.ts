// Fashion-MNIST from Debian's package dataset-fashion-mnist (the four original IDX files) to the
// file the page loads: a class-stratified subset of each official split (docs/architecture.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseIdx } from '../../src/core/data/idx';
import { type ImageSource, packImages, stratifiedPick } from '../../src/core/data/image-pack';

export const DEBIAN_FASHION_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'public',
  'data',
  'fashion-mnist.bin',
);
/** 10,000 training and 2,000 test images, 10 classes: as many as the MNIST digits the page has. */
export const TRAIN_PER_CLASS = 1000;
export const TEST_PER_CLASS = 200;
/** The subset's seed: fixed, so the committed file is rebuilt byte for byte. */
export const PICK_SEED = 2017;
const CLASSES = 10;

/** One official split ('train' or 't10k'), checked: 28 × 28 images and a label for each. */
export function readSplit(dir: string, split: 'train' | 't10k'): ImageSource {
  const read = (kind: string) =>
    parseIdx(new Uint8Array(gunzipSync(readFileSync(join(dir, `${split}-${kind}-ubyte.gz`)))));
  const images = read('images-idx3');
  const labels = read('labels-idx1');
  const [count, rows, cols] = images.dims;
  if (images.dims.length !== 3 || rows !== 28 || cols !== 28) {
    throw new Error(`${split} images are ${images.dims.join(' × ')}, not n × 28 × 28.`);
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw new Error(`${split}: ${labels.dims.join(' × ')} labels for ${count} images.`);
  }
  return { labels: labels.data, pixels: images.data };
}

export const debianFilesPresent = (dir = DEBIAN_FASHION_DIR): boolean =>
  existsSync(join(dir, 'train-images-idx3-ubyte.gz'));

/** The page's Fashion-MNIST file from the IDX files in `dir`. */
export function buildFashionFile(dir = DEBIAN_FASHION_DIR): Uint8Array {
  const train = readSplit(dir, 'train');
  const test = readSplit(dir, 't10k');
  const trainRows = stratifiedPick(train.labels, CLASSES, TRAIN_PER_CLASS, PICK_SEED);
  const testRows = stratifiedPick(test.labels, CLASSES, TEST_PER_CLASS, PICK_SEED + 1);
  return packImages(train, trainRows, test, testRows);
}

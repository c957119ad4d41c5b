import { DATASET_SHAPES } from '../config';
import type { Dataset } from './dataset';
import { splitTrainTest } from './split';

/**
 * Binary layout written by scripts/prepare-mnist.mjs, little-endian:
 * magic "DPMN", uint32 version, uint32 count, uint32 pixels per image, then `count` label bytes,
 * then `count × pixels` grey-level bytes (0–255).
 */
export const MNIST_MAGIC = 'DPMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 16;
export const MNIST_PIXELS = 784;
/** The split of the 10,000 bundled digits (docs/architecture.md). */
export const MNIST_TRAIN_COUNT = 8000;

export interface MnistImages {
  count: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

/** Validates and views the binary without copying; throws a message a person can act on. */
export function decodeMnist(buffer: ArrayBuffer): MnistImages {
  if (buffer.byteLength < MNIST_HEADER_BYTES) {
    throw new Error(`MNIST file is ${buffer.byteLength} bytes, too short for its header.`);
  }
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== MNIST_MAGIC) throw new Error('Not a Distill Playground MNIST file (bad magic).');
  const version = view.getUint32(4, true);
  if (version !== MNIST_VERSION) throw new Error(`Unsupported MNIST file version ${version}.`);
  const count = view.getUint32(8, true);
  const pixelsPer = view.getUint32(12, true);
  if (pixelsPer !== MNIST_PIXELS)
    throw new Error(`Expected 784 pixels per image, got ${pixelsPer}.`);
  const expected = MNIST_HEADER_BYTES + count + count * MNIST_PIXELS;
  if (buffer.byteLength !== expected) {
    throw new Error(`MNIST file is ${buffer.byteLength} bytes; its header promises ${expected}.`);
  }
  return {
    count,
    labels: new Uint8Array(buffer, MNIST_HEADER_BYTES, count),
    pixels: new Uint8Array(buffer, MNIST_HEADER_BYTES + count, count * MNIST_PIXELS),
  };
}

/** Scales pixels to [0, 1] and applies the seeded 8,000 / 2,000 split. */
export function mnistDataset(images: MnistImages, seed: number): Dataset {
  const x = new Float32Array(images.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = (images.pixels[i] as number) / 255;
  const y = Int32Array.from(images.labels);
  const trainCount = Math.min(MNIST_TRAIN_COUNT, Math.floor(images.count * 0.8));
  const { classes } = DATASET_SHAPES.mnist;
  return splitTrainTest('MNIST digits', x, y, MNIST_PIXELS, classes, trainCount, seed);
}

import type { Dataset } from './dataset';
import { splitTrainTest } from './split';

/**
 * The image files the page fetches (MNIST, Fashion-MNIST), little-endian: magic "DPMN", uint32
 * version, uint32 count, uint32 pixels per image; version 2 adds uint32 training count (the
 * first that many images train, the rest test: the source's own split). Then `count` label bytes
 * and `count × pixels` grey levels (0–255). Written by scripts/prepare-mnist.mjs (version 1) and
 * scripts/prepare-fashion-mnist.ts (version 2).
 */
export const IMAGE_MAGIC = 'DPMN';
/** No split in the file: the page splits with the seed. */
export const IMAGE_VERSION_SEEDED = 1;
export const IMAGE_VERSION_SPLIT = 2;
/** Version 2's header: version 1's and the training count. */
export const SPLIT_HEADER_BYTES = 20;
const HEADER_BYTES: Record<number, number> = {
  [IMAGE_VERSION_SEEDED]: 16,
  [IMAGE_VERSION_SPLIT]: SPLIT_HEADER_BYTES,
};
export const IMAGE_PIXELS = 784;
/** The seeded split of the 10,000 bundled MNIST digits (docs/architecture.md). */
export const MNIST_TRAIN_COUNT = 8000;

export interface ImageFile {
  count: number;
  labels: Uint8Array;
  pixels: Uint8Array;
  /** Version 2: the first `trainCount` images train, the rest test. */
  trainCount?: number;
}

/** Validates and views the binary without copying; throws a message a person can act on. */
export function decodeImages(buffer: ArrayBuffer, what = 'image'): ImageFile {
  if (buffer.byteLength < 16) {
    throw new Error(`The ${what} file is ${buffer.byteLength} bytes, too short for its header.`);
  }
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== IMAGE_MAGIC) throw new Error(`Not a Distill Playground ${what} file (bad magic).`);
  const version = view.getUint32(4, true);
  const header = HEADER_BYTES[version];
  if (header === undefined) throw new Error(`Unsupported ${what} file version ${version}.`);
  const count = view.getUint32(8, true);
  const pixelsPer = view.getUint32(12, true);
  if (pixelsPer !== IMAGE_PIXELS) {
    throw new Error(`Expected ${IMAGE_PIXELS} pixels per image, got ${pixelsPer}.`);
  }
  const expected = header + count + count * IMAGE_PIXELS;
  if (buffer.byteLength !== expected) {
    throw new Error(
      `The ${what} file is ${buffer.byteLength} bytes; its header promises ${expected}.`,
    );
  }
  const trainCount = version === IMAGE_VERSION_SPLIT ? view.getUint32(16, true) : undefined;
  if (trainCount !== undefined && (trainCount < 1 || trainCount >= count)) {
    throw new Error(
      `The ${what} file's training count ${trainCount} is not within 1–${count - 1}.`,
    );
  }
  return {
    count,
    labels: new Uint8Array(buffer, header, count),
    pixels: new Uint8Array(buffer, header + count, count * IMAGE_PIXELS),
    ...(trainCount !== undefined && { trainCount }),
  };
}

/**
 * Pixels scaled to [0, 1]. A file with its own split keeps it; otherwise the seeded split of
 * MNIST_TRAIN_COUNT (at most 80 %) training images.
 */
export function imageDataset(
  name: string,
  images: ImageFile,
  classes: number,
  seed: number,
): Dataset {
  const x = new Float32Array(images.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = (images.pixels[i] as number) / 255;
  const y = Int32Array.from(images.labels);
  const { trainCount } = images;
  if (trainCount === undefined) {
    const cut = Math.min(MNIST_TRAIN_COUNT, Math.floor(images.count * 0.8));
    return splitTrainTest(name, x, y, IMAGE_PIXELS, classes, cut, seed);
  }
  const at = trainCount * IMAGE_PIXELS;
  return {
    name,
    features: IMAGE_PIXELS,
    classes,
    xTrain: x.subarray(0, at),
    yTrain: y.subarray(0, trainCount),
    xTest: x.subarray(at),
    yTest: y.subarray(trainCount),
  };
}

import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx';
import { IMAGE_PIXELS, decodeImages, imageDataset } from './image-file';
import { packImages, stratifiedPick } from './image-pack';

/** A version-1 file (no split of its own), as scripts/prepare-mnist.mjs writes. */
function seededFile(count: number): ArrayBuffer {
  const bytes = new Uint8Array(16 + count * (1 + IMAGE_PIXELS));
  bytes.set([68, 80, 77, 78]); // "DPMN"
  const view = new DataView(bytes.buffer);
  view.setUint32(4, 1, true);
  view.setUint32(8, count, true);
  view.setUint32(12, IMAGE_PIXELS, true);
  for (let i = 0; i < count; i++) {
    bytes[16 + i] = i % 10;
    bytes[16 + count + i * IMAGE_PIXELS] = 255;
  }
  return bytes.buffer;
}

/** `count` images of `classes` classes, class c's pixels all equal to c and its row's index. */
function source(count: number, classes: number) {
  const labels = Uint8Array.from({ length: count }, (_, i) => i % classes);
  const pixels = new Uint8Array(count * IMAGE_PIXELS);
  for (let i = 0; i < count; i++) {
    pixels.fill(labels[i] as number, i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
    pixels[i * IMAGE_PIXELS] = i;
  }
  return { labels, pixels };
}

describe('the image file', () => {
  it('without a split of its own: labels, pixels in [0, 1], an 80/20 seeded split', () => {
    const data = imageDataset('MNIST digits', decodeImages(seededFile(50)), 10, 1);
    expect(data.yTrain.length).toBe(40);
    expect(data.yTest.length).toBe(10);
    expect(data.xTrain.length).toBe(40 * IMAGE_PIXELS);
    expect(data.xTrain[0]).toBe(1);
    expect(Math.max(...data.xTrain)).toBe(1);
  });

  it('with its own split: the first images train, the rest test, whatever the seed', () => {
    const train = source(60, 3);
    const test = source(30, 3);
    const file = packImages(train, [5, 7, 9, 10], test, [1, 2]);
    const images = decodeImages(file.buffer as ArrayBuffer);
    expect(images.trainCount).toBe(4);
    for (const seed of [1, 2]) {
      const data = imageDataset('Fashion-MNIST', images, 3, seed);
      expect(Array.from(data.yTrain)).toEqual([2, 1, 0, 1]);
      expect(Array.from(data.yTest)).toEqual([1, 2]);
      // Row 7 of the training source: its index in the first pixel, its class in the rest.
      expect(data.xTrain[IMAGE_PIXELS] ?? 0).toBeCloseTo(7 / 255, 6);
      expect(data.xTrain[IMAGE_PIXELS + 1] ?? 0).toBeCloseTo(1 / 255, 6);
      expect(data.xTest[0] ?? 0).toBeCloseTo(1 / 255, 6);
    }
  });

  it('rejects a truncated, foreign or inconsistent file with a clear message', () => {
    expect(() => decodeImages(new ArrayBuffer(4))).toThrow(/too short/);
    expect(() => decodeImages(seededFile(5).slice(0, 100))).toThrow(/header promises/);
    const foreign = new Uint8Array(seededFile(1));
    foreign[0] = 0;
    expect(() => decodeImages(foreign.buffer)).toThrow(/bad magic/);
    const future = new Uint8Array(seededFile(1));
    future[4] = 9;
    expect(() => decodeImages(future.buffer)).toThrow(/version 9/);
    const all = packImages(source(4, 2), [0, 1], source(4, 2), []);
    expect(() => decodeImages(all.buffer as ArrayBuffer)).toThrow(/training count 2/);
  });
});

describe('stratifiedPick', () => {
  it('takes the same number of each class, the same way for the same seed', () => {
    const { labels } = source(100, 4);
    const a = stratifiedPick(labels, 4, 5, 7);
    expect(a).toEqual(stratifiedPick(labels, 4, 5, 7));
    expect(a).not.toEqual(stratifiedPick(labels, 4, 5, 8));
    expect(a).toHaveLength(20);
    expect(new Set(a).size).toBe(20);
    for (let c = 0; c < 4; c++) expect(a.filter((r) => labels[r] === c)).toHaveLength(5);
  });

  it('refuses to take more of a class than there are', () => {
    expect(() => stratifiedPick(source(10, 2).labels, 2, 6, 1)).toThrow(/Class 0 has 5 images/);
  });
});

describe('parseIdx', () => {
  const idx = (header: number[], dims: number[], data: number[]) => {
    const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
    bytes.set(header);
    const view = new DataView(bytes.buffer);
    dims.forEach((d, i) => {
      view.setUint32(4 + 4 * i, d, false);
    });
    bytes.set(data, 4 + 4 * dims.length);
    return bytes;
  };

  it('reads big-endian dimensions and the bytes after them', () => {
    const parsed = parseIdx(idx([0, 0, 8, 2], [2, 3], [1, 2, 3, 4, 5, 6]));
    expect(parsed.dims).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names what is wrong', () => {
    expect(() => parseIdx(new Uint8Array(2))).toThrow(/too short/);
    expect(() => parseIdx(idx([1, 0, 8, 1], [1], [0]))).toThrow(/bad magic/);
    expect(() => parseIdx(idx([0, 0, 0x0d, 1], [1], [0]))).toThrow(/type 0xd/);
    expect(() => parseIdx(idx([0, 0, 8, 1], [3], [0]))).toThrow(/promises 11/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 2, 0, 0]))).toThrow(/inside its header/);
  });
});

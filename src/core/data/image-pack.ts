/**
 * Writing the page's image file (layout in image-file.ts) from labelled images: a subset
 * stratified by class, so a small file keeps every class equally.
 */
import { createRng, deriveSeed, permutation } from '../rng';
import { IMAGE_MAGIC, IMAGE_PIXELS, IMAGE_VERSION_SPLIT, SPLIT_HEADER_BYTES } from './image-file';

/**
 * `perClass` indices of each class in `labels`, chosen with the seed; ascending within a class,
 * the classes in order. Throws when a class has fewer.
 */
export function stratifiedPick(
  labels: Uint8Array,
  classes: number,
  perClass: number,
  seed: number,
): number[] {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((label, i) => byClass[label]?.push(i));
  const rng = createRng(deriveSeed(seed, 'stratified-pick'));
  return byClass.flatMap((rows, label) => {
    if (rows.length < perClass) {
      throw new Error(`Class ${label} has ${rows.length} images; ${perClass} were asked for.`);
    }
    const order = permutation(rows.length, rng);
    const chosen = Array.from(order.subarray(0, perClass), (i) => rows[i] as number);
    return chosen.sort((a, b) => a - b);
  });
}

export interface ImageSource {
  labels: Uint8Array;
  /** `labels.length × 784` grey levels. */
  pixels: Uint8Array;
}

/** The file with the chosen training images first, then the chosen test images (a fixed split). */
export function packImages(
  train: ImageSource,
  trainRows: readonly number[],
  test: ImageSource,
  testRows: readonly number[],
): Uint8Array {
  const count = trainRows.length + testRows.length;
  const out = new Uint8Array(SPLIT_HEADER_BYTES + count * (1 + IMAGE_PIXELS));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = IMAGE_MAGIC.charCodeAt(i);
  view.setUint32(4, IMAGE_VERSION_SPLIT, true);
  view.setUint32(8, count, true);
  view.setUint32(12, IMAGE_PIXELS, true);
  view.setUint32(16, trainRows.length, true);
  const labelsAt = SPLIT_HEADER_BYTES;
  const pixelsAt = labelsAt + count;
  const rows = [
    ...trainRows.map((r) => [train, r] as const),
    ...testRows.map((r) => [test, r] as const),
  ];
  rows.forEach(([source, r], i) => {
    out[labelsAt + i] = source.labels[r] as number;
    out.set(
      source.pixels.subarray(r * IMAGE_PIXELS, (r + 1) * IMAGE_PIXELS),
      pixelsAt + i * IMAGE_PIXELS,
    );
  });
  return out;
}

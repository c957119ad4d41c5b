import { DATASET_LABELS, DATASET_SHAPES, type ImageDataset } from '../config';
import type { Dataset } from './dataset';
import { decodeImages, imageDataset } from './image-file';

/** An image set's dataset from its file (public/data/<name>.bin), as the page and the CLI load it. */
export function imageSetDataset(name: ImageDataset, file: ArrayBuffer, seed: number): Dataset {
  const label = DATASET_LABELS[name];
  return imageDataset(label, decodeImages(file, label), DATASET_SHAPES[name].classes, seed);
}

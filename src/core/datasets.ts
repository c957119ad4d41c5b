/** The datasets the page knows before any is loaded: names, labels, shapes. Pure data. */

/** The datasets that ship with the page; `csv` is one a person uploads. */
export const DATASET_NAMES = [
  'mnist',
  'fashion-mnist',
  'spiral',
  'moons',
  'circles',
  'xor',
  'blobs',
] as const;
export type BuiltinDataset = (typeof DATASET_NAMES)[number];
export type DatasetName = BuiltinDataset | 'csv';

/** The 28 × 28 grey-level image sets: they feed conv blocks and share MNIST's network defaults. */
export const IMAGE_DATASETS = ['mnist', 'fashion-mnist'] as const;
/** The side of their images, and of a drawn digit prepared as MNIST's were (`data/digit.ts`). */
export const DIGIT_SIDE = 28;
export type ImageDataset = (typeof IMAGE_DATASETS)[number];
export const isImageDataset = (name: DatasetName): name is ImageDataset =>
  (IMAGE_DATASETS as readonly string[]).includes(name);

export const DATASET_LABELS: Record<DatasetName, string> = {
  csv: 'Uploaded CSV',
  mnist: 'MNIST digits',
  'fashion-mnist': 'Fashion-MNIST',
  spiral: 'Spiral',
  moons: 'Moons',
  circles: 'Circles',
  xor: 'XOR',
  blobs: 'Gaussian blobs',
};

/** Input width and class count of each dataset, known before any data is loaded. */
export const DATASET_SHAPES: Record<BuiltinDataset, { features: number; classes: number }> = {
  mnist: { features: 784, classes: 10 },
  'fashion-mnist': { features: 784, classes: 10 },
  spiral: { features: 2, classes: 3 },
  moons: { features: 2, classes: 2 },
  circles: { features: 2, classes: 2 },
  xor: { features: 2, classes: 2 },
  blobs: { features: 2, classes: 4 },
};

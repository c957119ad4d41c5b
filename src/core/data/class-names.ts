import type { DatasetName } from '../config';

/** Fashion-MNIST's labels 0–9 (Xiao, Rasul and Vollgraf, 2017; the dataset's README). */
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** The shipped file's training images (scripts/lib/fashion-mnist.ts; its test checks the count). */
export const FASHION_TRAIN_COUNT = 10_000;

/**
 * What to call class `c` of a dataset: Fashion-MNIST's garments by name; digits, the synthetic
 * sets' classes and a CSV's label codes by their number.
 */
export function classNameOf(dataset: DatasetName, c: number): string {
  if (dataset === 'fashion-mnist') return FASHION_CLASSES[c] ?? String(c);
  return String(c);
}

/** What the test rows are called in sentences: digits for MNIST, images for Fashion-MNIST. */
export function testRowsWord(dataset: string | undefined): string {
  if (dataset === 'mnist') return 'test digits';
  return dataset === 'fashion-mnist' ? 'test images' : 'test rows';
}

/** Whether the dataset's classes have names beyond their numbers (they need wider labels). */
export const hasClassNames = (dataset: DatasetName): boolean => dataset === 'fashion-mnist';

import { argmaxRows } from '../../core/analysis/confusion';
import { DIGIT_SIDE } from '../../core/datasets';
import type { RunAnalysis } from '../../protocol/analysis';
import type { ModelId } from '../../protocol/messages';

const cache = new WeakMap<Float32Array, Int32Array>();

/** Top-1 class of every test row for one model; computed once per analysis. */
export function predictionsOf(analysis: RunAnalysis, role: ModelId): Int32Array | null {
  const logits = analysis.logits[role];
  if (!logits) return null;
  let predictions = cache.get(logits);
  if (!predictions) {
    predictions = argmaxRows(logits, analysis.classes);
    cache.set(logits, predictions);
  }
  return predictions;
}

/** The models an analysis covers, in table order (a run stopped early has only the teacher). */
export function analysedRoles(analysis: RunAnalysis): ModelId[] {
  return Object.keys(analysis.logits) as ModelId[];
}

/** Whether the test rows are 28×28 images that can be drawn as thumbnails. */
export function isImageData(analysis: RunAnalysis): boolean {
  return analysis.features === DIGIT_SIDE * DIGIT_SIDE;
}

/** Features of test row `row`. */
export function featuresOf(analysis: RunAnalysis, row: number): Float32Array {
  const n = analysis.features;
  return analysis.testFeatures.subarray(row * n, (row + 1) * n);
}

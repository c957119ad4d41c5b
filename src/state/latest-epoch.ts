import type { EpochResult, ModelId } from '../protocol/messages';

const cache = new WeakMap<readonly EpochResult[], ReadonlyMap<ModelId, EpochResult>>();

/**
 * Each model's latest epoch result. A run kept training holds thousands of epochs and the page
 * asks for the latest ones on every progress update, from several components: scanning the list
 * each time made long tasks grow with the run (`npm run soak`). The store replaces the list when
 * an epoch arrives, so one pass per list, kept by identity, answers every render in between.
 */
export function latestByModel(epochs: readonly EpochResult[]): ReadonlyMap<ModelId, EpochResult> {
  let latest = cache.get(epochs);
  if (!latest) {
    const map = new Map<ModelId, EpochResult>();
    // Epochs arrive in order: the last one of a model is its latest.
    for (const e of epochs) map.set(e.model, e);
    latest = map;
    cache.set(epochs, latest);
  }
  return latest;
}

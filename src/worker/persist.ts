import * as tf from '@tensorflow/tfjs';
import type { Experiment } from '../core/engine/experiment';
import { toLayersModel } from '../core/engine/export';
import { MODEL_ROLES, type ModelRole, type SavedRun } from '../protocol/messages';
import { errorText } from './errors';

/** Where a saved run's model lives in the browser's IndexedDB (tfjs's own model store). */
function modelUrl(key: string, role: ModelRole): string {
  return `indexeddb://distill-${key}-${role}`;
}

/** Saves each trained model of `exp` under `key`; tfjs's IndexedDB store works in a worker. */
export async function saveModels(
  exp: Experiment,
  key: string,
  roles: readonly ModelRole[],
): Promise<void> {
  for (const role of roles) {
    const model = await toLayersModel(exp[role].model);
    try {
      await model.save(modelUrl(key, role));
    } finally {
      model.dispose();
    }
  }
}

/**
 * Puts the saved weights of `roles` into the experiment's models, which were built from the same
 * configuration; throws when a model is missing (storage cleared since) or does not fit.
 */
export async function loadModels(
  exp: Experiment,
  key: string,
  roles: readonly ModelRole[],
): Promise<void> {
  for (const role of roles) {
    const saved = await tf.loadLayersModel(modelUrl(key, role));
    try {
      const weights = saved.getWeights();
      exp[role].model.weights.forEach(({ kernel, bias }, i) => {
        const k = weights[2 * i];
        const b = weights[2 * i + 1];
        if (!k || !b) throw new Error(`The saved ${role} has fewer layers than this run.`);
        kernel.assign(k);
        bias.assign(b);
      });
    } finally {
      saved.dispose();
    }
  }
}

/** Removes whatever models were saved under `key`; missing ones are not an error. */
export async function removeModels(key: string): Promise<void> {
  const stored = await tf.io.listModels();
  for (const role of MODEL_ROLES) {
    const url = modelUrl(key, role);
    if (url in stored) await tf.io.removeModel(url);
  }
}

/** Puts saved weights into `exp`'s models; a missing or unfitting save is said in words. */
export async function loadSaved(exp: Experiment, saved: SavedRun): Promise<void> {
  try {
    await loadModels(exp, saved.key, saved.roles);
  } catch (e) {
    throw new Error(
      `The saved models of this run could not be loaded (${errorText(e)}); its results are shown, its models are not.`,
      { cause: e },
    );
  }
}

import * as tf from '@tensorflow/tfjs';
import type { Experiment } from '../core/engine/experiment';
import { toLayersModel } from '../core/engine/export';
import { assignWeights, networkVariables } from '../core/engine/network';
import type { ReadyTeacher } from '../core/engine/ready-teacher';
import type { TeacherInfo } from '../core/import/teacher-info';
import type { ModelId, SavedRun } from '../protocol/messages';
import { errorText } from '../core/error-text';

/** Where a saved run's model lives in the browser's IndexedDB (tfjs's own model store). */
function modelUrl(key: string, role: ModelId | ''): string {
  return `indexeddb://distill-${key}-${role}`;
}

/**
 * Where an imported teacher is saved, as imported: its own place, so a restore learns whether the
 * run had one from the list of stored models without reading a trained teacher twice.
 */
function importedUrl(key: string): string {
  return `indexeddb://distill-${key}-imported-teacher`;
}

/** What the page says of a saved imported teacher, kept in its artifacts' metadata. */
const IMPORTED = 'distillImportedTeacher';

/**
 * Saves each trained model of `exp` under `key`; tfjs's IndexedDB store works in a worker. An
 * imported teacher is saved as it was imported, marked as such.
 */
export async function saveModels(
  exp: Experiment,
  key: string,
  roles: readonly ModelId[],
): Promise<void> {
  for (const role of roles) {
    if (role === 'teacher' && exp.ready) {
      // The file never changes during a run: saved once, not at every checkpoint.
      if (importedUrl(key) in (await tf.io.listModels())) continue;
      const artifacts = {
        ...exp.ready.artifacts,
        userDefinedMetadata: { [IMPORTED]: exp.ready.info },
      };
      await handlerOf(importedUrl(key), 'save').save?.(artifacts);
      continue;
    }
    const model = await toLayersModel(exp.network(role));
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
  roles: readonly ModelId[],
): Promise<void> {
  for (const role of roles) {
    // An imported teacher came back whole before the experiment was built (savedTeacher).
    if (role === 'teacher' && exp.ready) continue;
    const saved = await tf.loadLayersModel(modelUrl(key, role));
    try {
      try {
        assignWeights(networkVariables(exp.network(role)), saved.getWeights());
      } catch (e) {
        throw new Error(`The saved ${role} does not fit this run: ${errorText(e)}`, { cause: e });
      }
    } finally {
      saved.dispose();
    }
  }
}

function handlerOf(url: string, purpose: 'save' | 'load'): tf.io.IOHandler {
  const handlers = purpose === 'save' ? tf.io.getSaveHandlers(url) : tf.io.getLoadHandlers(url);
  const handler = handlers[0];
  if (!handler) throw new Error(`No tfjs model store answers ${url}.`);
  return handler;
}

/**
 * The imported teacher saved under `key`, as artifacts to load again; null where the saved
 * teacher was trained here (or none was saved).
 */
export async function savedTeacher(
  key: string,
): Promise<Pick<ReadyTeacher, 'artifacts' | 'info'> | null> {
  const url = importedUrl(key);
  try {
    if (!(url in (await tf.io.listModels()))) return null;
    const artifacts = await handlerOf(url, 'load').load?.();
    const info = artifacts?.userDefinedMetadata?.[IMPORTED] as TeacherInfo | undefined;
    return artifacts && info ? { artifacts, info } : null;
  } catch (e) {
    throw new Error(
      `The saved teacher of this run could not be read (${errorText(e)}); its results are shown, its models are not.`,
      { cause: e },
    );
  }
}

/** Removes whatever models were saved under `key`; missing ones are not an error. */
export async function removeModels(key: string): Promise<void> {
  // Every model of the run, however many students it had: the key, then a model's id.
  const prefix = modelUrl(key, '');
  const ownModel = /^(teacher|distilled|scratch|student-\d+|imported-teacher)$/;
  for (const url of Object.keys(await tf.io.listModels())) {
    if (url.startsWith(prefix) && ownModel.test(url.slice(prefix.length))) {
      await tf.io.removeModel(url);
    }
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

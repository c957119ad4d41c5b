/**
 * A repeated run's seeds, held as plain weights on the CPU once trained, so a person can study any
 * seed's models after the run: its experiment is rebuilt from its seed and these values.
 */
import * as tf from '@tensorflow/tfjs';
import type { Experiment } from '../core/engine/experiment';
import { networkVariables } from '../core/engine/network';
import { MODEL_ROLES, type ModelRole } from '../protocol/messages';

/** Every variable of each model, in `networkVariables` order. */
export type SeedWeights = Record<ModelRole, Float32Array[]>;

export async function readWeights(exp: Experiment): Promise<SeedWeights> {
  const weights = {} as SeedWeights;
  for (const role of MODEL_ROLES) {
    const values: Float32Array[] = [];
    for (const v of networkVariables(exp[role].model))
      values.push((await v.data()) as Float32Array);
    weights[role] = values;
  }
  return weights;
}

/** Puts `weights` into an experiment built from the same configuration and seed. */
export function assignWeights(exp: Experiment, weights: SeedWeights): void {
  for (const role of MODEL_ROLES) {
    networkVariables(exp[role].model).forEach((v, i) => {
      const values = weights[role][i];
      if (values?.length !== v.size) throw new Error(`The ${role}'s weight ${i + 1} does not fit.`);
      tf.tidy(() => {
        v.assign(tf.tensor(values, v.shape));
      });
    });
  }
}

/**
 * A teacher that is not trained here: any TensorFlow.js model (a LayersModel, Sequential or
 * Functional, or a GraphModel from tfjs-converter) run for inference only. Distillation needs
 * nothing of a teacher but its logits, so the model stays opaque: rows in, logits out.
 */
import * as tf from '@tensorflow/tfjs';
import type { TeacherInfo } from '../import/teacher-info';
import { type InputShape, macCount } from '../layers';
import { type Network, forward, modelParameters } from './network';

/**
 * Probabilities that float32 rounded to 0 become this before their logarithm: log(0) is −∞ and
 * would turn the soft-target cross-entropy into NaN. Its share of the soft targets is lost.
 */
export const PROBABILITY_FLOOR = 1e-30;

/** What a model file says of itself, before tfjs has loaded it. */
export type ModelFacts = Pick<
  TeacherInfo,
  'name' | 'kind' | 'className' | 'layers' | 'parameters' | 'bytes'
>;

export interface ReadyTeacher {
  readonly info: TeacherInfo;
  /** The model as loaded: saved with a run, loaded again for another seed or backend. */
  readonly artifacts: tf.io.ModelArtifacts;
  /** Logits of `x` [rows, features] (log-probabilities for a softmax model); synchronous. */
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** Frees the model's weights on the device. */
  dispose(): void;
}

/** What can predict test rows: a network of the playground, or a ready teacher. */
export type Predictor = Network | ReadyTeacher;

export function isReadyTeacher(p: Predictor): p is ReadyTeacher {
  return 'logits' in p;
}

/** Parameters of either kind of predictor. */
export function predictorParameters(p: Predictor): number {
  return isReadyTeacher(p) ? p.info.parameters : modelParameters(p);
}

/** Multiply–adds per example of a network trained here; undefined for an imported teacher. */
export function predictorMacs(p: Predictor): number | undefined {
  return isReadyTeacher(p) ? undefined : macCount(p.input, p.hidden, p.classes);
}

/** Logits of `x` from either kind of predictor. */
export function predictorLogits(p: Predictor, x: tf.Tensor2D): tf.Tensor2D {
  return isReadyTeacher(p) ? p.logits(x) : forward(p, x);
}

/**
 * The input shapes a model may declare for a dataset: the flat rows, and for images also
 * side × side and side × side × 1 (channels last, as Keras builds image models).
 */
export function acceptedInputShapes(input: InputShape): number[][] {
  const side = input.imageSide;
  return side ? [[input.features], [side, side], [side, side, 1]] : [[input.features]];
}

/** Runs `model` on rows reshaped to `inputShape`; a LayersModel or a GraphModel. */
export function modelRunner(
  model: tf.LayersModel | tf.GraphModel,
  inputShape: readonly number[],
): (x: tf.Tensor2D) => tf.Tensor {
  return (x) => {
    const shaped = tf.reshape(x, [x.shape[0], ...inputShape]);
    const out = model.predict(shaped);
    if (!(out instanceof tf.Tensor)) throw new Error('The model has more than one output.');
    return out;
  };
}

/**
 * `run` as a ready teacher: its outputs as float32 logits [rows, classes], log-probabilities when
 * `info.softmax`. `release` frees the model.
 */
export function readyTeacher(
  info: TeacherInfo,
  artifacts: tf.io.ModelArtifacts,
  run: (x: tf.Tensor2D) => tf.Tensor,
  release: () => void,
): ReadyTeacher {
  return {
    info,
    artifacts,
    logits: (x) =>
      tf.tidy(() => {
        const out = tf.reshape<tf.Rank.R2>(tf.cast(run(x), 'float32'), [x.shape[0], -1]);
        return info.softmax ? tf.log(tf.maximum(out, PROBABILITY_FLOOR)) : out;
      }),
    dispose: release,
  };
}

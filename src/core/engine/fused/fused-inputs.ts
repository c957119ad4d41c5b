/** What the fused engine is given: a run's data, and each training step of a model. */
import type { StepSettings } from '../../schedule';
import type { VariantChoice } from './matmul-shapes';

export interface FusedData {
  features: number;
  /** The side of a square one-channel image, for networks with conv blocks. */
  imageSide?: number;
  classes: number;
  xTrain: Float32Array;
  yTrain: ArrayLike<number>;
  xTest: Float32Array;
  yTest: ArrayLike<number>;
  /** 1 where a training row keeps its hard label (for a KD student on the transfer set). */
  labelMask: Float32Array;
}

/** A student's step on the fused kernels: its settings (T, α, learning rate) and its batch. */
export interface FusedStep extends Omit<StepSettings, 'param'> {
  /** Training-row indices of the batch. */
  rows: Int32Array;
  /** Seed of the step's dropout masks; the same seed gives the same masks. */
  dropoutSeed: number;
  /** The hard term counts only rows whose label mask is 1. */
  masked: boolean;
  /** The loss by method; absent: KD (α = 0 is scratch). */
  method?: FusedMethod;
}

/**
 * A loss other than plain KD: smoothed labels, DKD with its weights and warm-up factor, or KD plus
 * a hint term weighed by γ (for a network added with a hint regressor).
 */
export type FusedMethod =
  | { kind: 'ls'; epsilon: number }
  | { kind: 'dkd'; beta: number; ce: number; warm: number }
  | { kind: 'hint'; gamma: number };

/** How the fused WGSL engine is built. */
export interface EngineOptions {
  /** tfjs's Adam ε on the backend in use (1e-7 in float32, the default). */
  epsilon?: number;
  /** The variant of each matmul (the tuner's choice); the default variant without. */
  choose?: VariantChoice;
  /** A test's seam: rewrites every kernel's WGSL (the self-check's test breaks one with it). */
  tamper?: (code: string) => string;
}

// AssemblyScript. The record a run of ops reads: one step's settings and rows, as the fused CPU
// engine's JavaScript side writes them (cpu/records.ts holds the same word offsets).

export const ROWS = 0;
export const SEED = 1;
export const MODE = 2;
export const TEMPERATURE = 3;
export const ALPHA = 4;
export const LEARNING_RATE = 5;
export const CORR1 = 6;
export const CORR2 = 7;
export const METHOD = 8;
export const EPSILON = 9;
export const BETA = 10;
export const CE = 11;
export const WARM = 12;
export const GAMMA = 13;
/** The batch's training-row indices (i32), or the evaluated rows' (an ascending run). */
export const IDX = 14;
/** The first layer's input rows, contiguous (the gathered batch, or a chunk of the test rows). */
export const X = 15;
/** The teacher's test predictions from the chunk's first row (i32), for agreement. */
export const PREDS = 16;

export const MODE_DROPOUT = 1;
export const MODE_MASK = 2;
export const MODE_AGREE = 4;

// @ts-ignore: decorator
@inline
export function recI(rec: usize, word: i32): i32 {
  return load<i32>(rec + (<usize>word << 2));
}

// @ts-ignore: decorator
@inline
export function recF(rec: usize, word: i32): f32 {
  return load<f32>(rec + (<usize>word << 2));
}

/** A PCG hash, as the WGSL kernels' (fused/wgsl-common.ts): the same masks on either engine. */
// @ts-ignore: decorator
@inline
function pcg(v: u32): u32 {
  const state = v * 747796405 + 2891336453;
  const word = ((state >> ((state >> 28) + 4)) ^ state) * 277803737;
  return (word >> 22) ^ word;
}

/** Dropout's keep factor of (layer, row, unit): 0, or 1 / (1 − rate) where the draw keeps it. */
export function keep(seed: u32, layer: u32, row: u32, unit: u32, rate: f32): f32 {
  const h = pcg(seed ^ pcg((layer * 0x9e3779b9) ^ pcg(row ^ pcg(unit + 0x85ebca6b))));
  const draw = <f32>(h >> 8) / 16777216.0;
  return draw >= rate ? 1.0 / (1.0 - rate) : 0.0;
}

/** tfjs's erf (Abramowitz & Stegun 7.1.26), so GELU matches the tfjs engine's. */
function erf(x: f32): f32 {
  const s: f32 = x < 0 ? -1 : x > 0 ? 1 : 0;
  const a = Mathf.abs(x);
  const t: f32 = 1.0 / (1.0 + 0.3275911 * a);
  const y: f32 =
    1.0 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Mathf.exp(-a * a);
  return s * y;
}

export const RELU = 0;
export const SIGMOID = 1;
export const TANH = 2;
export const GELU = 3;
/** No activation: a dense layer's input gradient into a conv block's pooled output (the pool's gradient applies ReLU′). */
export const IDENTITY = 4;

export function activate(kind: i32, z: f32): f32 {
  if (kind == RELU) return z > 0 ? z : 0;
  if (kind == SIGMOID) return 1.0 / (1.0 + Mathf.exp(-z));
  if (kind == TANH) return Mathf.tanh(z);
  return z * (0.5 * (1.0 + erf(z / 1.4142135623730951)));
}

/** d activation / dz, from z. */
export function derivative(kind: i32, z: f32): f32 {
  if (kind == RELU) return z > 0 ? 1 : 0;
  if (kind == IDENTITY) return 1;
  if (kind == SIGMOID) {
    const s: f32 = 1.0 / (1.0 + Mathf.exp(-z));
    return s * (1.0 - s);
  }
  if (kind == TANH) {
    const t = Mathf.tanh(z);
    return 1.0 - t * t;
  }
  return (
    0.5 * (1.0 + erf(z / 1.4142135623730951)) + z * 0.3989422804014327 * Mathf.exp(-0.5 * z * z)
  );
}

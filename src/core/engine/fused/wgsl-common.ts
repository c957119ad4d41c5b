/**
 * What every kernel of the fused path shares: the per-dispatch record, the bindings, the dropout
 * RNG, tfjs's erf, the activations and their derivatives, as WGSL text.
 */
import type { Activation } from '../../layers';

/** Threads per workgroup of the elementwise kernels (Adam, evaluation counts). */
export const FLAT_THREADS = 256;

/**
 * The per-dispatch records: one per model of the dispatch's group (workgroup z is the model),
 * bound with a dynamic offset so one bind group serves every step of a submission; each kernel's
 * `main` copies its model's record into `u` first (`forGroup`). `mode` bit 0: dropout on
 * (training); bit 1: the label mask applies (a KD student on a transfer set); bit 2: evaluation
 * compares with the teacher's predictions. `method` picks the loss (0: KD — scratch is α = 0 —
 * with the hard term's labels smoothed by `epsilon`, so label smoothing is α = 0, ε > 0; 2: DKD
 * with `beta`, `ce` and the warm-up factor `warm`); `gamma` weighs a hint student's hint term. `model` is the model's place in its group,
 * where its parameters, activations and sums lie.
 */
export const STEP = /* wgsl */ `
struct Step {
  rows: u32,
  idxOffset: u32,
  seed: u32,
  mode: u32,
  temperature: f32,
  alpha: f32,
  learningRate: f32,
  corr1: f32,
  corr2: f32,
  predOffset: u32,
  method: u32,
  epsilon: f32,
  beta: f32,
  ce: f32,
  warm: f32,
  gamma: f32,
  @size(${256 - 64}) model: u32,
}
@group(0) @binding(0) var<storage, read> recs: array<Step>;
var<private> u: Step;
var<private> pOff: u32;
var<private> aOff: u32;
`;

/** Bytes between two records: WebGPU's minimum dynamic storage offset alignment. */
export const STEP_STRIDE = 256;
/** Floats and words of one record as written from JavaScript (the struct above, in order). */
export const STEP_WORDS = 17;
/** Models one dispatch may train at once: a sweep's 16 cells and their scratch student. */
export const MAX_GROUP = 17;

/**
 * A kernel made to serve a group of same-shape models in one dispatch: workgroup z picks the
 * model's record, and every access to a model's own buffers (parameters, gradients, moments,
 * activations, metric and evaluation sums) is shifted to that model's part of them. The data,
 * batch indices and soft targets are shared.
 */
export function forGroup(code: string, sizes: { parameters: number; activations: number }): string {
  const shifted = code
    .replaceAll('params[', 'params[pOff + ')
    .replaceAll('grads[', 'grads[pOff + ')
    .replaceAll('moments[', 'moments[2u * pOff + ')
    .replaceAll('acts[', 'acts[aOff + ')
    .replaceAll('metrics[', 'metrics[2u * u.model + ')
    .replaceAll('&counts[', '&counts[2u * u.model + ')
    // A loop around barriers must have a bound the uniformity analysis can prove uniform: read
    // from read-only storage at the workgroup's own index, not from the private copy.
    .replaceAll('let K = u.rows;', 'let K = recs[wg.z].rows;');
  // The parameter list holds parentheses of its own (`@builtin(…)`): match to the line's end.
  return shifted.replace(/fn main\((.*)\) \{$/m, (_, args: string) => {
    const params = args.includes('workgroup_id')
      ? args
      : `@builtin(workgroup_id) wg: vec3u, ${args}`;
    return `fn main(${params}) {
  u = recs[wg.z];
  pOff = u.model * ${sizes.parameters}u;
  aOff = u.model * ${sizes.activations}u;`;
  });
}

export const RNG = /* wgsl */ `
fn pcg(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}
// Counter-based: the same seed, layer, row and unit give the same draw on any device, in any
// order, so a mask needs no storage and both students draw the same masks.
fn keep(layer: u32, row: u32, unit: u32, rate: f32) -> f32 {
  if ((u.mode & 1u) == 0u || rate <= 0.0) { return 1.0; }
  let h = pcg(u.seed ^ pcg((layer * 0x9E3779B9u) ^ pcg(row ^ pcg(unit + 0x85EBCA6Bu))));
  let draw = f32(h >> 8u) / 16777216.0;
  return select(0.0, 1.0 / (1.0 - rate), draw >= rate);
}
`;

/** tfjs's erf (Abramowitz & Stegun 7.1.26), so GELU matches the tfjs engine's. */
export const ERF = /* wgsl */ `
fn erf_as(x: f32) -> f32 {
  let s = sign(x);
  let a = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
    + 0.254829592) * t * exp(-a * a);
  return s * y;
}
`;

export function activate(activation: Activation): string {
  switch (activation) {
    case 'relu':
      return 'max(z, 0.0)';
    case 'sigmoid':
      return '1.0 / (1.0 + exp(-z))';
    case 'tanh':
      return 'tanh(z)';
    case 'gelu':
      return 'z * (0.5 * (1.0 + erf_as(z / 1.4142135623730951)))';
  }
}

/** d activation / dz, from z. */
export function derivative(activation: Activation): string {
  switch (activation) {
    case 'relu':
      return 'select(0.0, 1.0, z > 0.0)';
    case 'sigmoid':
      return '(1.0 / (1.0 + exp(-z))) * (1.0 - 1.0 / (1.0 + exp(-z)))';
    case 'tanh':
      return '1.0 - tanh(z) * tanh(z)';
    case 'gelu':
      return '0.5 * (1.0 + erf_as(z / 1.4142135623730951)) + z * 0.3989422804014327 * exp(-0.5 * z * z)';
  }
}

export const X_BINDINGS = /* wgsl */ `
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> idx: array<u32>;
`;
export const PARAMS = '@group(0) @binding(3) var<storage, read_write> params: array<f32>;\n';
export const ACTS = '@group(0) @binding(4) var<storage, read_write> acts: array<f32>;\n';
export const GRADS = '@group(0) @binding(5) var<storage, read_write> grads: array<f32>;\n';

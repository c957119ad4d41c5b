/**
 * WGSL of the fused training path, generated per network so every width and offset is a
 * constant. One model's step is: one forward dispatch per layer (matmul + bias + activation +
 * dropout), one loss dispatch (softmax at T, KL, cross-entropy, label mask, α, T², and the
 * gradient of all of it), two backward dispatches per layer (weight and bias gradients; the
 * input gradient with the activation's derivative and the dropout mask fused), one Adam dispatch.
 */
import type { Activation } from '../../layers';
import type { DenseLayout } from './layout';

/** Side of the square block of the output one matmul workgroup computes. */
export const TILE = 32;
/** Threads along each side of a matmul workgroup; each computes PER × PER outputs. */
const GROUP = 8;
/** Outputs per thread along each side: four, one vec4 (the inner loop is written for it). */
const PER = TILE / GROUP;
/** Threads of the single workgroup that takes the loss over a whole batch. */
const LOSS_THREADS = 256;
/** Threads per workgroup of the elementwise kernels (Adam, evaluation counts). */
export const FLAT_THREADS = 256;

/**
 * The per-dispatch record, bound with a dynamic offset so one bind group serves every step of a
 * submission. `mode` bit 0: dropout on (training); bit 1: the label mask applies (the distilled
 * student on a transfer set); bit 2: evaluation compares with the teacher's predictions.
 */
const STEP = /* wgsl */ `
struct Step {
  rows: u32,
  idxOffset: u32,
  seed: u32,
  mode: u32,
  temperature: f32,
  alpha: f32,
  lr: f32,
  corr1: f32,
  corr2: f32,
  predOffset: u32,
}
@group(0) @binding(0) var<uniform> u: Step;
`;

/** Bytes between two records: WebGPU's minimum dynamic uniform offset alignment. */
export const STEP_STRIDE = 256;
/** Floats and words of one record as written from JavaScript (the struct above, in order). */
export const STEP_WORDS = 10;

const RNG = /* wgsl */ `
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
const ERF = /* wgsl */ `
fn erf_as(x: f32) -> f32 {
  let s = sign(x);
  let a = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
    + 0.254829592) * t * exp(-a * a);
  return s * y;
}
`;

function activate(activation: Activation): string {
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
function derivative(activation: Activation): string {
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

interface Tiled {
  /** Output rows and columns, and the reduced length: constants or `u.rows`. */
  m: string;
  n: string;
  k: string;
  /** Expressions of (m, k) and (k, n), evaluated only inside the bounds; or, starting with
   * `if`, function bodies that return one. */
  a: string;
  b: string;
  /** Statements that use `m`, `n` and `acc`, run only inside the bounds. */
  store: string;
  /**
   * Where consecutive elements of A lie in memory: along k (row-major, the default) or along m;
   * of B: along n (the default) or along k. Tiles are loaded with neighbouring threads reading
   * neighbouring addresses.
   */
  aAlongM?: boolean;
  bAlongK?: boolean;
}

function body(expression: string): string {
  return expression.startsWith('if') ? expression : `return ${expression};`;
}

/**
 * C = A · B, each workgroup one TILE × TILE block of C through workgroup memory, each of its
 * GROUP × GROUP threads a PER × PER block held in registers: fewer threads and barriers per output
 * than one thread an output, which is what software rasterizers (SwiftShader) and GPUs alike reward.
 */
function tiled(t: Tiled): string {
  const loads = (TILE * TILE) / (GROUP * GROUP);
  return /* wgsl */ `
var<workgroup> tileA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB: array<array<vec4<f32>, ${TILE / 4}>, ${TILE}>;
fn loadA(m: u32, k: u32) -> f32 { ${body(t.a)} }
fn loadB(k: u32, n: u32) -> f32 { ${body(t.b)} }
@compute @workgroup_size(${GROUP}, ${GROUP})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let M = ${t.m};
  let N = ${t.n};
  let K = ${t.k};
  let thread = lid.y * ${GROUP}u + lid.x;
  let mBase = wg.y * ${TILE}u;
  let nBase = wg.x * ${TILE}u;
  var sums: array<vec4<f32>, ${PER}>;
  for (var k0 = 0u; k0 < K; k0 += ${TILE}u) {
    for (var i = 0u; i < ${loads}u; i++) {
      let e = thread + i * ${GROUP * GROUP}u;
      let slow = e / ${TILE}u;
      let fast = e % ${TILE}u;
      let am = ${t.aAlongM ? 'fast' : 'slow'};
      let ak = ${t.aAlongM ? 'slow' : 'fast'};
      var va = 0.0;
      if (mBase + am < M && k0 + ak < K) { va = loadA(mBase + am, k0 + ak); }
      tileA[am][ak] = va;
      let bk = ${t.bAlongK ? 'fast' : 'slow'};
      let bn = ${t.bAlongK ? 'slow' : 'fast'};
      var vb = 0.0;
      if (k0 + bk < K && nBase + bn < N) { vb = loadB(k0 + bk, nBase + bn); }
      tileB[bk][bn / 4u][bn % 4u] = vb;
    }
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k++) {
      // Four outputs a thread-row at once: one vec4 multiply-add, which SIMD hardware and
      // SwiftShader's vectorizer both take as one instruction.
      let b = tileB[k][lid.x];
      for (var i = 0u; i < ${PER}u; i++) { sums[i] += tileA[lid.y * ${PER}u + i][k] * b; }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < ${PER}u; i++) {
    for (var j = 0u; j < ${PER}u; j++) {
      let m = mBase + lid.y * ${PER}u + i;
      let n = nBase + lid.x * ${PER}u + j;
      let acc = sums[i][j];
      if (m < M && n < N) {
        ${t.store}
      }
    }
  }
}
`;
}

const X_BINDINGS = /* wgsl */ `
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> idx: array<u32>;
`;
const PARAMS = '@group(0) @binding(3) var<storage, read_write> params: array<f32>;\n';
const ACTS = '@group(0) @binding(4) var<storage, read_write> acts: array<f32>;\n';
const GRADS = '@group(0) @binding(5) var<storage, read_write> grads: array<f32>;\n';

/** The input of layer `l` at (row, column): a data row through the index buffer, or H of l − 1. */
function input(layout: DenseLayout, l: number, row: string, col: string): string {
  if (l === 1) return `x[idx[u.idxOffset + ${row}] * ${layout.widths[0]}u + ${col}]`;
  return `acts[${layout.hAt[l - 1]}u + ${row} * ${layout.widths[l - 1]}u + ${col}]`;
}

/** Z = input · W + b; for a hidden layer also H = dropout(activation(Z)). */
export function forwardShader(layout: DenseLayout, l: number): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const hidden = l < layout.widths.length - 1;
  const activation = layout.activations[l - 1] ?? 'relu';
  const rate = layout.dropouts[l - 1] ?? 0;
  const store = hidden
    ? `let z = acc + params[${layout.biasAt[l - 1]}u + n];
    acts[${layout.zAt[l]}u + m * ${units}u + n] = z;
    acts[${layout.hAt[l]}u + m * ${units}u + n] = (${activate(activation)}) * keep(${l}u, m, n, ${rate});`
    : `acts[${layout.zAt[l]}u + m * ${units}u + n] = acc + params[${layout.biasAt[l - 1]}u + n];`;
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    PARAMS +
    ACTS +
    RNG +
    ERF +
    tiled({
      m: 'u.rows',
      n: `${units}u`,
      k: `${fanIn}u`,
      a: input(layout, l, 'm', 'k'),
      b: `params[${layout.kernelAt[l - 1]}u + k * ${units}u + n]`,
      store,
    })
  );
}

/**
 * dW = inputᵀ · D and, in the extra row m = fanIn, db = Σ D over the batch's rows.
 */
export function weightGradShader(layout: DenseLayout, l: number): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const inputAt = input(layout, l, 'k', 'm');
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    ACTS +
    GRADS +
    tiled({
      m: `${fanIn + 1}u`,
      n: `${units}u`,
      k: 'u.rows',
      a: `if (m == ${fanIn}u) { return 1.0; } return ${inputAt};`,
      aAlongM: true,
      b: `acts[${layout.dAt[l]}u + k * ${units}u + n]`,
      store: `if (m == ${fanIn}u) { grads[${layout.biasAt[l - 1]}u + n] = acc; }
    else { grads[${layout.kernelAt[l - 1]}u + m * ${units}u + n] = acc; }`,
    })
  );
}

/** D of layer l − 1 = (D · Wᵀ) × dropout mask × activation′(Z of l − 1). */
export function inputGradShader(layout: DenseLayout, l: number): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const below = l - 1;
  const activation = layout.activations[below - 1] ?? 'relu';
  const rate = layout.dropouts[below - 1] ?? 0;
  return (
    STEP +
    PARAMS +
    ACTS +
    RNG +
    ERF +
    tiled({
      m: 'u.rows',
      n: `${fanIn}u`,
      k: `${units}u`,
      a: `acts[${layout.dAt[l]}u + m * ${units}u + k]`,
      b: `params[${layout.kernelAt[l - 1]}u + n * ${units}u + k]`,
      bAlongK: true,
      store: `let z = acts[${layout.zAt[below]}u + m * ${fanIn}u + n];
    acts[${layout.dAt[below]}u + m * ${fanIn}u + n] = acc * keep(${below}u, m, n, ${rate}) * (${derivative(activation)});`,
    })
  );
}

/**
 * The whole loss of one batch in one workgroup: loss = α·T²·mean KL(teacher_T ‖ student_T) +
 * (1 − α)·CE over the labelled rows; writes dLoss/dlogits into D of the output layer and adds the
 * batch's loss and correct count to `metrics`.
 */
export function lossShader(layout: DenseLayout): string {
  const L = layout.widths.length - 1;
  const C = layout.widths[L] as number;
  const z = layout.zAt[L] as number;
  const d = layout.dAt[L] as number;
  return /* wgsl */ `${STEP}
@group(0) @binding(2) var<storage, read> idx: array<u32>;
@group(0) @binding(4) var<storage, read_write> acts: array<f32>;
@group(0) @binding(6) var<storage, read> labels: array<u32>;
@group(0) @binding(7) var<storage, read> mask: array<f32>;
@group(0) @binding(8) var<storage, read> soft: array<f32>;
@group(0) @binding(9) var<storage, read_write> metrics: array<f32>;
var<workgroup> sumA: array<f32, ${LOSS_THREADS}>;
var<workgroup> sumB: array<f32, ${LOSS_THREADS}>;
fn weightOf(row: u32) -> f32 {
  if ((u.mode & 2u) == 0u) { return 1.0; }
  return mask[idx[u.idxOffset + row]];
}
@compute @workgroup_size(${LOSS_THREADS})
fn main(@builtin(local_invocation_id) lid: vec3u) {
  let t = lid.x;
  var labelled = 0.0;
  for (var r = t; r < u.rows; r += ${LOSS_THREADS}u) { labelled += weightOf(r); }
  sumA[t] = labelled;
  workgroupBarrier();
  for (var s = ${LOSS_THREADS / 2}u; s > 0u; s >>= 1u) {
    if (t < s) { sumA[t] += sumA[t + s]; }
    workgroupBarrier();
  }
  let hardScale = (1.0 - u.alpha) / max(sumA[0], 1.0);
  workgroupBarrier();
  let T = u.temperature;
  let softScale = u.alpha / f32(u.rows);
  var lossSum = 0.0;
  var correct = 0.0;
  for (var r = t; r < u.rows; r += ${LOSS_THREADS}u) {
    let row = idx[u.idxOffset + r];
    let label = labels[row];
    let w = weightOf(r) * hardScale;
    var best = 0u;
    var top = acts[${z}u + r * ${C}u];
    for (var c = 1u; c < ${C}u; c++) {
      let v = acts[${z}u + r * ${C}u + c];
      if (v > top) { top = v; best = c; }
    }
    correct += select(0.0, 1.0, best == label);
    var sum1 = 0.0;
    for (var c = 0u; c < ${C}u; c++) { sum1 += exp(acts[${z}u + r * ${C}u + c] - top); }
    let lse1 = top + log(sum1);
    lossSum += w * (lse1 - acts[${z}u + r * ${C}u + label]);
    var topT = 0.0;
    var lseS = 0.0;
    var lseT = 0.0;
    if (u.alpha > 0.0) {
      topT = soft[row * ${C}u] / T;
      for (var c = 1u; c < ${C}u; c++) { topT = max(topT, soft[row * ${C}u + c] / T); }
      var sumS = 0.0;
      var sumT = 0.0;
      for (var c = 0u; c < ${C}u; c++) {
        sumS += exp(acts[${z}u + r * ${C}u + c] / T - top / T);
        sumT += exp(soft[row * ${C}u + c] / T - topT);
      }
      lseS = top / T + log(sumS);
      lseT = topT + log(sumT);
    }
    var kl = 0.0;
    for (var c = 0u; c < ${C}u; c++) {
      let zc = acts[${z}u + r * ${C}u + c];
      var g = w * (exp(zc - lse1) - select(0.0, 1.0, c == label));
      if (u.alpha > 0.0) {
        let logS = zc / T - lseS;
        let logT = soft[row * ${C}u + c] / T - lseT;
        let pT = exp(logT);
        kl += pT * (logT - logS);
        g += softScale * T * (exp(logS) - pT);
      }
      acts[${d}u + r * ${C}u + c] = g;
    }
    lossSum += softScale * T * T * kl;
  }
  sumA[t] = lossSum;
  sumB[t] = correct;
  workgroupBarrier();
  for (var s = ${LOSS_THREADS / 2}u; s > 0u; s >>= 1u) {
    if (t < s) {
      sumA[t] += sumA[t + s];
      sumB[t] += sumB[t + s];
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    metrics[0] += sumA[0];
    metrics[1] += sumB[0];
  }
}
`;
}

/** One Adam update of every parameter, tfjs's: m̂ / (√v̂ + ε) with bias corrections from `u`. */
export function adamShader(parameters: number, epsilon: number): string {
  return /* wgsl */ `${STEP}
@group(0) @binding(3) var<storage, read_write> params: array<f32>;
@group(0) @binding(5) var<storage, read_write> grads: array<f32>;
@group(0) @binding(10) var<storage, read_write> moments: array<f32>;
@compute @workgroup_size(${FLAT_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * ${FLAT_THREADS}u;
  if (i >= ${parameters}u) { return; }
  let g = grads[i];
  let m = 0.9 * moments[i] + 0.1 * g;
  let v = 0.999 * moments[${parameters}u + i] + 0.001 * g * g;
  moments[i] = m;
  moments[${parameters}u + i] = v;
  params[i] -= u.lr * ((m / u.corr1) / (sqrt(v / u.corr2) + ${epsilon.toExponential()}));
}
`;
}

/** Counts, over a chunk of evaluated rows, top-1 matches with the labels and (mode bit 2) with the
 * teacher's predictions. */
export function evalShader(layout: DenseLayout): string {
  const L = layout.widths.length - 1;
  const C = layout.widths[L] as number;
  const z = layout.zAt[L] as number;
  return /* wgsl */ `${STEP}
@group(0) @binding(2) var<storage, read> idx: array<u32>;
@group(0) @binding(4) var<storage, read_write> acts: array<f32>;
@group(0) @binding(6) var<storage, read> labels: array<u32>;
@group(0) @binding(11) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(12) var<storage, read> preds: array<u32>;
@compute @workgroup_size(${FLAT_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= u.rows) { return; }
  var best = 0u;
  var top = acts[${z}u + r * ${C}u];
  for (var c = 1u; c < ${C}u; c++) {
    let v = acts[${z}u + r * ${C}u + c];
    if (v > top) { top = v; best = c; }
  }
  let row = idx[u.idxOffset + r];
  if (best == labels[row]) { atomicAdd(&counts[0], 1u); }
  if ((u.mode & 4u) != 0u && best == preds[u.predOffset + r]) { atomicAdd(&counts[1], 1u); }
}
`;
}

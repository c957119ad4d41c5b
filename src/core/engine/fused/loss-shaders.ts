/**
 * WGSL of the kernels a step runs once per model: the whole distillation loss and its gradient,
 * the Adam update over the flat parameter buffer, and the evaluation counts.
 */
import { hintLossTerm } from './hint-shaders';
import type { NetworkLayout } from './layout';
import { FLAT_THREADS, STEP } from './wgsl-common';

/** Threads of the single workgroup that takes the loss over a whole batch. */
const LOSS_THREADS = 256;
/**
 * The whole loss of one batch in one workgroup, by the record's method (core/method-losses.ts
 * defines each): KD, α·T²·mean KL(teacher_T ‖ student_T) + (1 − α)·CE over the labelled rows, the
 * CE's targets smoothed by ε (label smoothing is α = 0, ε > 0); or DKD, ce·CE + w·(α·TCKD +
 * β·NCKD); for a hint student, plus γ · mean E² (hint-shaders.ts). Writes dLoss/dlogits into D of the output layer and adds the batch's loss and correct
 * count to `metrics`.
 */
export function lossShader(layout: NetworkLayout): string {
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
${topClass(layout)}
var<workgroup> sumA: array<f32, ${LOSS_THREADS}>;
var<workgroup> sumB: array<f32, ${LOSS_THREADS}>;
fn weightOf(row: u32) -> f32 {
  if ((u.mode & 2u) == 0u) { return 1.0; }
  return mask[idx[u.idxOffset + row]];
}
${dkdRow(z, d, C)}
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
  let hardScale = select(1.0 - u.alpha, u.ce, u.method == 2u) / max(sumA[0], 1.0);
  workgroupBarrier();
  let T = u.temperature;
  let softScale = u.alpha / f32(u.rows);
  var lossSum = 0.0;
  var correct = 0.0;
  for (var r = t; r < u.rows; r += ${LOSS_THREADS}u) {
    let row = idx[u.idxOffset + r];
    let label = labels[row];
    let w = weightOf(r) * hardScale;
    let best = topClass(r);
    let top = acts[${z}u + r * ${C}u + best];
    correct += select(0.0, 1.0, best == label);
    var sum1 = 0.0;
    for (var c = 0u; c < ${C}u; c++) { sum1 += exp(acts[${z}u + r * ${C}u + c] - top); }
    let lse1 = top + log(sum1);
    lossSum += w * lse1;
    var topT = 0.0;
    var lseS = 0.0;
    var lseT = 0.0;
    let kd = u.alpha > 0.0 && u.method == 0u;
    if (kd) {
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
      let q = select(0.0, 1.0 - u.epsilon, c == label) + u.epsilon / ${C}.0;
      lossSum -= w * q * zc;
      var g = w * (exp(zc - lse1) - q);
      if (kd) {
        let logS = zc / T - lseS;
        let logT = soft[row * ${C}u + c] / T - lseT;
        let pT = exp(logT);
        kl += pT * (logT - logS);
        g += softScale * T * (exp(logS) - pT);
      }
      acts[${d}u + r * ${C}u + c] = g;
    }
    lossSum += softScale * T * T * kl;
    if (u.method == 2u) { lossSum += dkdRow(r, row, label, weightOf(r) > 0.0); }
  }
  ${hintLossTerm(layout, LOSS_THREADS)}
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

/**
 * `dkdRow(r, row, label, labelled)`: DKD's teacher terms of batch row r (training row `row`),
 * w·T²/n·(α·TCKD + β·NCKD), with their gradient added into D. The target is the label where it may
 * be used, else the teacher's top class. Logs of the [target, rest] splits come from log-sum-exps
 * over all and over the rest, so a confident row loses no precision to 1 − p.
 */
function dkdRow(z: number, d: number, C: number): string {
  const at = (r: string, c: string) => `acts[${z}u + ${r} * ${C}u + ${c}]`;
  const tAt = (c: string) => `soft[row * ${C}u + ${c}]`;
  return /* wgsl */ `fn dkdRow(r: u32, row: u32, label: u32, labelled: bool) -> f32 {
  let T = u.temperature;
  var g = label;
  if (!labelled) {
    var top = ${tAt('0u')};
    g = 0u;
    for (var c = 1u; c < ${C}u; c++) {
      if (${tAt('c')} > top) { top = ${tAt('c')}; g = c; }
    }
  }
  var topS = ${at('r', '0u')} / T;
  var topT = ${tAt('0u')} / T;
  for (var c = 1u; c < ${C}u; c++) {
    topS = max(topS, ${at('r', 'c')} / T);
    topT = max(topT, ${tAt('c')} / T);
  }
  var sumS = 0.0;
  var sumT = 0.0;
  var restS = 0.0;
  var restT = 0.0;
  for (var c = 0u; c < ${C}u; c++) {
    let es = exp(${at('r', 'c')} / T - topS);
    let et = exp(${tAt('c')} / T - topT);
    sumS += es;
    sumT += et;
    if (c != g) { restS += es; restT += et; }
  }
  let logRestS = log(max(restS, 1e-30));
  let logRestT = log(max(restT, 1e-30));
  let logBs = ${at('r', 'g')} / T - topS - log(sumS);
  let logBt = ${tAt('g')} / T - topT - log(sumT);
  let logNs = logRestS - log(sumS);
  let logNt = logRestT - log(sumT);
  let bs = exp(logBs);
  let bt = exp(logBt);
  let tckd = bt * (logBt - logBs) + exp(logNt) * (logNt - logNs);
  var nckd = 0.0;
  let scale = u.warm * T / f32(u.rows);
  for (var c = 0u; c < ${C}u; c++) {
    if (c == g) {
      acts[${d}u + r * ${C}u + c] += scale * u.alpha * (bs - bt);
      continue;
    }
    let logRs = ${at('r', 'c')} / T - topS - logRestS;
    let logRt = ${tAt('c')} / T - topT - logRestT;
    let rs = exp(logRs);
    let rt = exp(logRt);
    nckd += rt * (logRt - logRs);
    acts[${d}u + r * ${C}u + c] += scale * (u.alpha * rs * (bt - bs) + u.beta * (rs - rt));
  }
  return u.warm * T * T / f32(u.rows) * (u.alpha * tckd + u.beta * nckd);
}`;
}

/** Parameters one Adam invocation updates (dispatch ⌈parameters / ADAM_SPAN⌉ invocations). */
export const ADAM_SPAN = 4;

/** One Adam update of every parameter, tfjs's: m̂ / (√v̂ + ε) with bias corrections from `u`. */
export function adamShader(parameters: number, epsilon: number): string {
  return /* wgsl */ `${STEP}
@group(0) @binding(3) var<storage, read_write> params: array<f32>;
@group(0) @binding(5) var<storage, read_write> grads: array<f32>;
@group(0) @binding(10) var<storage, read_write> moments: array<f32>;
@compute @workgroup_size(${FLAT_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  // ADAM_SPAN parameters a thread, written out: fewer invocations, each with more to do.
  let first = (gid.x + gid.y * groups.x * ${FLAT_THREADS}u) * ${ADAM_SPAN}u;
  ${Array.from({ length: ADAM_SPAN }, (_, j) => `adam(first + ${j}u);`).join('\n  ')}
}
fn adam(i: u32) {
  if (i >= ${parameters}u) { return; }
  let g = grads[i];
  let m = 0.9 * moments[i] + 0.1 * g;
  let v = 0.999 * moments[${parameters}u + i] + 0.001 * g * g;
  moments[i] = m;
  moments[${parameters}u + i] = v;
  params[i] -= u.learningRate * ((m / u.corr1) / (sqrt(v / u.corr2) + ${epsilon.toExponential()}));
}
`;
}

/**
 * Counts, over a chunk of evaluated rows, top-1 matches with the labels and (mode bit 2) with the
 * teacher's predictions.
 */
export function evalShader(layout: NetworkLayout): string {
  return /* wgsl */ `${STEP}
@group(0) @binding(2) var<storage, read> idx: array<u32>;
@group(0) @binding(4) var<storage, read_write> acts: array<f32>;
@group(0) @binding(6) var<storage, read> labels: array<u32>;
@group(0) @binding(11) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(12) var<storage, read> preds: array<u32>;
${topClass(layout)}
@compute @workgroup_size(${FLAT_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  if (r >= u.rows) { return; }
  let best = topClass(r);
  let row = idx[u.idxOffset + r];
  if (best == labels[row]) { atomicAdd(&counts[0], 1u); }
  if ((u.mode & 4u) != 0u && best == preds[u.predOffset + r]) { atomicAdd(&counts[1], 1u); }
}
`;
}

/**
 * `topClass(r)`: the class of row r's largest logit, the first one on ties (as tf.argMax), from
 * the output layer's Z in `acts`.
 */
function topClass(layout: NetworkLayout): string {
  const L = layout.widths.length - 1;
  const C = layout.widths[L] as number;
  const z = layout.zAt[L] as number;
  return /* wgsl */ `fn topClass(r: u32) -> u32 {
  var best = 0u;
  var top = acts[${z}u + r * ${C}u];
  for (var c = 1u; c < ${C}u; c++) {
    let v = acts[${z}u + r * ${C}u + c];
    if (v > top) { top = v; best = c; }
  }
  return best;
}`;
}

/**
 * WGSL of the kernels a step runs once per model: the whole distillation loss and its gradient,
 * the Adam update over the flat parameter buffer, and the evaluation counts.
 */
import type { DenseLayout } from './layout';
import { FLAT_THREADS, STEP } from './wgsl-common';

/** Threads of the single workgroup that takes the loss over a whole batch. */
const LOSS_THREADS = 256;
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
${topClass(layout)}
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
    let best = topClass(r);
    let top = acts[${z}u + r * ${C}u + best];
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

/**
 * Counts, over a chunk of evaluated rows, top-1 matches with the labels and (mode bit 2) with the
 * teacher's predictions.
 */
export function evalShader(layout: DenseLayout): string {
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
function topClass(layout: DenseLayout): string {
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

// AssemblyScript. The whole distillation loss of a batch and its gradient with respect to the
// logits, as the fused WGSL loss kernel computes it (fused/loss-shaders.ts; core/method-losses.ts
// defines each method): KD, α·T²·mean KL(teacher_T ‖ student_T) + (1 − α)·CE over the labelled
// rows with the CE's targets smoothed by ε (scratch: α = 0; label smoothing: α = 0, ε > 0); or
// DKD, ce·CE + w·(α·TCKD + β·NCKD); for a hint student, plus γ·mean E².
import {
  ALPHA, BETA, CE, EPSILON, GAMMA, IDX, METHOD, MODE, MODE_MASK, ROWS, TEMPERATURE, WARM,
  recF, recI,
} from './record';

// @ts-ignore: decorator
@inline
function at(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function put(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

/** The class of the largest of `c` values from `row`, the first on ties (as tf.argMax). */
export function topClass(row: usize, c: i32): i32 {
  let best = 0;
  let top = at(row, 0);
  for (let k = 1; k < c; k++) {
    const v = at(row, k);
    if (v > top) {
      top = v;
      best = k;
    }
  }
  return best;
}

/**
 * Writes dLoss/dZ of the batch into `d` (rows × c) and adds the batch's loss and correct count to
 * metrics[0] and metrics[1]. `e`: the hint error (rows × dt), or 0.
 */
export function loss(
  rec: usize, z: usize, d: usize, c: i32, labels: usize, mask: usize, soft: usize,
  metrics: usize, e: usize, dt: i32,
): void {
  const rows = recI(rec, ROWS);
  const idx = <usize>recI(rec, IDX);
  const masked = (recI(rec, MODE) & MODE_MASK) != 0;
  const method = recI(rec, METHOD);
  const alpha = recF(rec, ALPHA);
  const eps = recF(rec, EPSILON);
  const T = recF(rec, TEMPERATURE);
  let labelled: f32 = 0;
  for (let r = 0; r < rows; r++) labelled += weightOf(masked, mask, idx, r);
  const hardScale: f32 = (method == 2 ? recF(rec, CE) : 1 - alpha) / max<f32>(labelled, 1);
  const softScale: f32 = alpha / <f32>rows;
  const kd = alpha > 0 && method == 0;
  let lossSum: f32 = 0;
  let correct: f32 = 0;
  for (let r = 0; r < rows; r++) {
    const row = load<i32>(idx + (<usize>r << 2));
    const label = load<i32>(labels + (<usize>row << 2));
    const w = weightOf(masked, mask, idx, r) * hardScale;
    const zr = z + (<usize>(r * c) << 2);
    const dr = d + (<usize>(r * c) << 2);
    const sr = soft + (<usize>(row * c) << 2);
    const best = topClass(zr, c);
    const top = at(zr, best);
    if (best == label) correct += 1;
    let sum1: f32 = 0;
    for (let k = 0; k < c; k++) sum1 += Mathf.exp(at(zr, k) - top);
    const lse1 = top + Mathf.log(sum1);
    lossSum += w * lse1;
    let lseS: f32 = 0;
    let lseT: f32 = 0;
    if (kd) {
      let topT = at(sr, 0) / T;
      for (let k = 1; k < c; k++) topT = max(topT, at(sr, k) / T);
      let sumS: f32 = 0;
      let sumT: f32 = 0;
      for (let k = 0; k < c; k++) {
        sumS += Mathf.exp(at(zr, k) / T - top / T);
        sumT += Mathf.exp(at(sr, k) / T - topT);
      }
      lseS = top / T + Mathf.log(sumS);
      lseT = topT + Mathf.log(sumT);
    }
    let kl: f32 = 0;
    for (let k = 0; k < c; k++) {
      const zc = at(zr, k);
      const q: f32 = (k == label ? 1 - eps : 0) + eps / <f32>c;
      lossSum -= w * q * zc;
      let g: f32 = w * (Mathf.exp(zc - lse1) - q);
      if (kd) {
        const logS = zc / T - lseS;
        const logT = at(sr, k) / T - lseT;
        const pT = Mathf.exp(logT);
        kl += pT * (logT - logS);
        g += softScale * T * (Mathf.exp(logS) - pT);
      }
      put(dr, k, g);
    }
    lossSum += softScale * T * T * kl;
    if (method == 2) lossSum += dkdRow(rec, zr, dr, sr, c, rows, label, weightOf(masked, mask, idx, r) > 0);
  }
  if (e != 0) {
    const gamma = recF(rec, GAMMA);
    const count = rows * dt;
    for (let i = 0; i < count; i++) {
      const v = at(e, i);
      lossSum += (gamma * v * v) / <f32>count;
    }
  }
  put(metrics, 0, at(metrics, 0) + lossSum);
  put(metrics, 1, at(metrics, 1) + correct);
}

// @ts-ignore: decorator
@inline
function weightOf(masked: bool, mask: usize, idx: usize, r: i32): f32 {
  if (!masked) return 1;
  return at(mask, load<i32>(idx + (<usize>r << 2)));
}

/**
 * DKD's teacher terms of one row, w·T²/n·(α·TCKD + β·NCKD), their gradient added into `dr`. The
 * target is the label where it may be used, else the teacher's top class.
 */
function dkdRow(
  rec: usize, zr: usize, dr: usize, sr: usize, c: i32, rows: i32, label: i32, labelled: bool,
): f32 {
  const T = recF(rec, TEMPERATURE);
  const alpha = recF(rec, ALPHA);
  const beta = recF(rec, BETA);
  const warm = recF(rec, WARM);
  const g = labelled ? label : topClass(sr, c);
  let topS = at(zr, 0) / T;
  let topT = at(sr, 0) / T;
  for (let k = 1; k < c; k++) {
    topS = max(topS, at(zr, k) / T);
    topT = max(topT, at(sr, k) / T);
  }
  let sumS: f32 = 0;
  let sumT: f32 = 0;
  let restS: f32 = 0;
  let restT: f32 = 0;
  for (let k = 0; k < c; k++) {
    const es = Mathf.exp(at(zr, k) / T - topS);
    const et = Mathf.exp(at(sr, k) / T - topT);
    sumS += es;
    sumT += et;
    if (k != g) {
      restS += es;
      restT += et;
    }
  }
  const logRestS = Mathf.log(max<f32>(restS, 1e-30));
  const logRestT = Mathf.log(max<f32>(restT, 1e-30));
  const logBs = at(zr, g) / T - topS - Mathf.log(sumS);
  const logBt = at(sr, g) / T - topT - Mathf.log(sumT);
  const logNs = logRestS - Mathf.log(sumS);
  const logNt = logRestT - Mathf.log(sumT);
  const bs = Mathf.exp(logBs);
  const bt = Mathf.exp(logBt);
  const tckd = bt * (logBt - logBs) + Mathf.exp(logNt) * (logNt - logNs);
  let nckd: f32 = 0;
  const scale = (warm * T) / <f32>rows;
  for (let k = 0; k < c; k++) {
    if (k == g) {
      put(dr, k, at(dr, k) + scale * alpha * (bs - bt));
      continue;
    }
    const rs = Mathf.exp(at(zr, k) / T - topS - logRestS);
    const logRt = at(sr, k) / T - topT - logRestT;
    const rt = Mathf.exp(logRt);
    nckd += rt * (logRt - (at(zr, k) / T - topS - logRestS));
    put(dr, k, at(dr, k) + scale * (alpha * rs * (bt - bs) + beta * (rs - rt)));
  }
  return ((warm * T * T) / <f32>rows) * (alpha * tckd + beta * nckd);
}

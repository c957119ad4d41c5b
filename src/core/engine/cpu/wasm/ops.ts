// AssemblyScript: the fused CPU engine's ops. A step is a list of ops in memory, 16 words each,
// written once per network by cpu/step-plan.ts — the same plan as the fused WGSL engine's
// dispatches (fused-model.ts) — and run by one call: the whole step without a return to JavaScript. Every op but the loss and the
// counts cuts its rows over `threads` (thread `thread` takes its span), so the same plan runs on a
// pool of threads with a barrier between ops.
import { matmul } from './matmul';
import { loss, topClass } from './loss';
import { convForward, convInputGrad, filterGrad, poolGrad } from './conv';
import {
  CORR1, CORR2, GAMMA, IDX, LEARNING_RATE, MODE, MODE_AGREE, MODE_DROPOUT, PREDS, ROWS, SEED, X,
  activate, derivative, keep, recF, recI,
} from './record';

export const OP_WORDS = 16;
export const GATHER = 1;
export const FORWARD = 2;
export const WEIGHT_GRAD = 3;
export const TRANSPOSE = 4;
export const INPUT_GRAD = 5;
export const LOSS = 6;
export const HINT_ERROR = 7;
export const HINT_INPUT_GRAD = 8;
export const ADAM = 9;
export const COUNT = 10;
export const CONV_FORWARD = 11;
export const POOL_GRAD = 12;
export const FILTER_GRAD = 13;
export const CONV_INPUT_GRAD = 14;

// @ts-ignore: decorator
@inline
function word(op: usize, i: i32): i32 {
  return load<i32>(op + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function ptr(op: usize, i: i32): usize {
  return <usize>load<i32>(op + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function f(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}

/** This thread's part [lo, hi) of `total`, cut at multiples of `align`. */
// @ts-ignore: decorator
@inline
function lo(total: i32, thread: i32, threads: i32, align: i32): i32 {
  const blocks = (total + align - 1) / align;
  return min(total, ((blocks * thread) / threads) * align);
}

/** Runs `count` ops from `ops` on record `rec`, on one thread. */
export function run(ops: usize, count: i32, rec: usize): void {
  for (let i = 0; i < count; i++) runOp(ops + <usize>(i * OP_WORDS * 4), rec, 0, 1);
}

/** Runs one op, thread `thread` of `threads` taking its part of the rows. */
export function runOp(op: usize, rec: usize, thread: i32, threads: i32): void {
  const rows = recI(rec, ROWS);
  const kind = word(op, 0);
  const r0 = lo(rows, thread, threads, 4);
  const r1 = lo(rows, thread + 1, threads, 4);
  if (kind == GATHER) gather(rec, ptr(op, 1), word(op, 2), ptr(op, 3), r0, r1);
  else if (kind == FORWARD) forward(op, rec, r0, r1);
  else if (kind == WEIGHT_GRAD) weightGrad(op, rec, thread, threads);
  else if (kind == TRANSPOSE) transpose(op, thread, threads);
  else if (kind == INPUT_GRAD) inputGrad(op, rec, r0, r1);
  else if (kind == HINT_ERROR) hintError(op, rec, r0, r1);
  else if (kind == HINT_INPUT_GRAD) hintInputGrad(op, rec, r0, r1);
  else if (kind == ADAM) adam(op, rec, thread, threads);
  else if (kind == CONV_FORWARD) convForward(op, inputOf(op, rec), r0, r1);
  else if (kind == POOL_GRAD) poolGrad(op, r0, r1);
  else if (kind == FILTER_GRAD) {
    const taps = word(op, 3);
    filterGrad(op, rows, lo(taps, thread, threads, 4), lo(taps, thread + 1, threads, 4), thread);
  } else if (kind == CONV_INPUT_GRAD) convInputGrad(op, r0, r1);
  else if (thread == 0 && kind == LOSS) {
    loss(rec, ptr(op, 1), ptr(op, 2), word(op, 3), ptr(op, 4), ptr(op, 5), ptr(op, 6), ptr(op, 7), ptr(op, 8), word(op, 9));
  } else if (thread == 0 && kind == COUNT) count(op, rec, rows);
}

/** The batch's rows of the training data, copied to `dst` one after another. */
function gather(rec: usize, src: usize, features: i32, dst: usize, r0: i32, r1: i32): void {
  const idx = <usize>recI(rec, IDX);
  const bytes = <usize>features << 2;
  for (let r = r0; r < r1; r++) {
    const row = <usize>load<i32>(idx + (<usize>r << 2));
    memory.copy(dst + <usize>r * bytes, src + row * bytes, bytes);
  }
}

/** The input of a layer: its rows in `op`, or the record's input rows (word 1 = 0). */
// @ts-ignore: decorator
@inline
function inputOf(op: usize, rec: usize): usize {
  const p = ptr(op, 1);
  return p != 0 ? p : <usize>recI(rec, X);
}

/** Z = input · W + b; for a hidden layer also H = dropout(activation(Z)). */
function forward(op: usize, rec: usize, r0: i32, r1: i32): void {
  const fanIn = word(op, 2);
  const units = word(op, 3);
  const b = ptr(op, 5);
  const z = ptr(op, 6);
  const h = ptr(op, 7);
  matmul(r0, r1, units, fanIn, inputOf(op, rec), fanIn, 1, ptr(op, 4), units, z, units);
  const act = word(op, 8);
  const rate = load<f32>(f(op, 9));
  const layer = <u32>word(op, 10);
  const dropout = (recI(rec, MODE) & MODE_DROPOUT) != 0 && rate > 0;
  const seed = <u32>recI(rec, SEED);
  for (let r = r0; r < r1; r++) {
    const zr = z + <usize>(r * units) * 4;
    const hr = h + <usize>(r * units) * 4;
    for (let n = 0; n < units; n++) {
      const v = load<f32>(f(zr, n)) + load<f32>(f(b, n));
      store<f32>(f(zr, n), v);
      if (h == 0) continue;
      const kept = dropout ? keep(seed, layer, <u32>r, <u32>n, rate) : 1;
      store<f32>(f(hr, n), activate(act, v) * kept);
    }
  }
}

/**
 * dW = inputᵀ · D (this thread's rows of dW) and, on thread 0, db = Σ D over the batch; a hint's
 * (word 7 = 1) both scaled by 2γ / (rows · units).
 */
function weightGrad(op: usize, rec: usize, thread: i32, threads: i32): void {
  const rows = recI(rec, ROWS);
  const fanIn = word(op, 2);
  const units = word(op, 3);
  const d = ptr(op, 4);
  const dw = ptr(op, 5);
  const db = ptr(op, 6);
  const i0 = lo(fanIn, thread, threads, 4);
  const i1 = lo(fanIn, thread + 1, threads, 4);
  matmul(i0, i1, units, rows, inputOf(op, rec), 1, fanIn, d, units, dw, units);
  const scale: f32 = word(op, 7) == 1 ? (2 * recF(rec, GAMMA)) / <f32>(rows * units) : 1;
  if (scale != 1) {
    for (let i = i0 * units; i < i1 * units; i++) store<f32>(f(dw, i), scale * load<f32>(f(dw, i)));
  }
  if (thread != 0) return;
  for (let n = 0; n < units; n++) store<f32>(f(db, n), 0);
  for (let r = 0; r < rows; r++) {
    const dr = d + <usize>(r * units) * 4;
    for (let n = 0; n < units; n++) store<f32>(f(db, n), load<f32>(f(db, n)) + load<f32>(f(dr, n)));
  }
  if (scale != 1) for (let n = 0; n < units; n++) store<f32>(f(db, n), scale * load<f32>(f(db, n)));
}

/** dst (cols × rows) = srcᵀ (src: rows × cols), this thread's rows of src. */
function transpose(op: usize, thread: i32, threads: i32): void {
  const src = ptr(op, 1);
  const rows = word(op, 2);
  const cols = word(op, 3);
  const dst = ptr(op, 4);
  const i0 = lo(rows, thread, threads, 8);
  const i1 = lo(rows, thread + 1, threads, 8);
  // In 8 × 8 tiles, so both sides' lines stay in cache.
  for (let ib = i0; ib < i1; ib += 8) {
    const ie = min(ib + 8, i1);
    for (let jb = 0; jb < cols; jb += 8) {
      const je = min(jb + 8, cols);
      for (let i = ib; i < ie; i++) {
        for (let j = jb; j < je; j++) {
          store<f32>(f(dst, j * rows + i), load<f32>(f(src, i * cols + j)));
        }
      }
    }
  }
}

/**
 * D below = (D · Wᵀ) × dropout mask [+ the hint's G] × activation′(Z below), W transposed before
 * (word 4: Wᵀ, units × fanIn).
 */
function inputGrad(op: usize, rec: usize, r0: i32, r1: i32): void {
  const fanIn = word(op, 2);
  const units = word(op, 3);
  const below = ptr(op, 5);
  const z = ptr(op, 6);
  const act = word(op, 7);
  const rate = load<f32>(f(op, 8));
  const layer = <u32>word(op, 9);
  const g = ptr(op, 10);
  matmul(r0, r1, fanIn, units, ptr(op, 1), units, 1, ptr(op, 4), fanIn, below, fanIn);
  const dropout = (recI(rec, MODE) & MODE_DROPOUT) != 0 && rate > 0;
  const seed = <u32>recI(rec, SEED);
  for (let r = r0; r < r1; r++) {
    const at = r * fanIn;
    for (let n = 0; n < fanIn; n++) {
      let v = load<f32>(f(below, at + n));
      if (dropout) v *= keep(seed, layer, <u32>r, <u32>n, rate);
      if (g != 0) v += load<f32>(f(g, at + n));
      store<f32>(f(below, at + n), v * derivative(act, load<f32>(f(z, at + n))));
    }
  }
}

/** A hint: h_s = activation(Z of the last hidden layer), kept; E = h_s · W + b − h_t. */
function hintError(op: usize, rec: usize, r0: i32, r1: i32): void {
  const z = ptr(op, 1);
  const ds = word(op, 2);
  const dt = word(op, 3);
  const b = ptr(op, 5);
  const e = ptr(op, 6);
  const targets = ptr(op, 7);
  const act = word(op, 8);
  const hs = ptr(op, 9);
  const idx = <usize>recI(rec, IDX);
  for (let i = r0 * ds; i < r1 * ds; i++) store<f32>(f(hs, i), activate(act, load<f32>(f(z, i))));
  matmul(r0, r1, dt, ds, hs, ds, 1, ptr(op, 4), dt, e, dt);
  for (let r = r0; r < r1; r++) {
    const t = targets + <usize>(load<i32>(f(idx, r)) * dt) * 4;
    for (let n = 0; n < dt; n++) {
      const at = r * dt + n;
      store<f32>(f(e, at), load<f32>(f(e, at)) + load<f32>(f(b, n)) - load<f32>(f(t, n)));
    }
  }
}

/** G = 2γ / (rows · dt) · E · Wᵀ (word 4: Wᵀ, dt × ds): the hint's gradient w.r.t. h_s. */
function hintInputGrad(op: usize, rec: usize, r0: i32, r1: i32): void {
  const ds = word(op, 2);
  const dt = word(op, 3);
  const g = ptr(op, 5);
  matmul(r0, r1, ds, dt, ptr(op, 1), dt, 1, ptr(op, 4), ds, g, ds);
  const scale: f32 = (2 * recF(rec, GAMMA)) / <f32>(recI(rec, ROWS) * dt);
  for (let i = r0 * ds; i < r1 * ds; i++) store<f32>(f(g, i), scale * load<f32>(f(g, i)));
}

/** One Adam step of every parameter, tfjs's: m̂ / (√v̂ + ε), this thread's span. */
function adam(op: usize, rec: usize, thread: i32, threads: i32): void {
  const p = ptr(op, 1);
  const g = ptr(op, 2);
  const m = ptr(op, 3);
  const v = ptr(op, 4);
  const n = word(op, 5);
  const lr = f32x4.splat(recF(rec, LEARNING_RATE));
  const c1 = f32x4.splat(recF(rec, CORR1));
  const c2 = f32x4.splat(recF(rec, CORR2));
  const eps = f32x4.splat(load<f32>(f(op, 6)));
  const b1 = f32x4.splat(0.9);
  const b1c = f32x4.splat(0.1);
  const b2 = f32x4.splat(0.999);
  const b2c = f32x4.splat(0.001);
  const i0 = lo(n, thread, threads, 4);
  const i1 = lo(n, thread + 1, threads, 4);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const gi = v128.load(f(g, i));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(f(m, i))), f32x4.mul(b1c, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(f(v, i))), f32x4.mul(b2c, f32x4.mul(gi, gi)));
    v128.store(f(m, i), mi);
    v128.store(f(v, i), vi);
    const step = f32x4.div(f32x4.div(mi, c1), f32x4.add(f32x4.sqrt(f32x4.div(vi, c2)), eps));
    v128.store(f(p, i), f32x4.sub(v128.load(f(p, i)), f32x4.mul(lr, step)));
  }
  for (; i < i1; i++) {
    const gi = load<f32>(f(g, i));
    const mi: f32 = 0.9 * load<f32>(f(m, i)) + 0.1 * gi;
    const vi: f32 = 0.999 * load<f32>(f(v, i)) + 0.001 * gi * gi;
    store<f32>(f(m, i), mi);
    store<f32>(f(v, i), vi);
    const step = mi / recF(rec, CORR1) / (Mathf.sqrt(vi / recF(rec, CORR2)) + load<f32>(f(op, 6)));
    store<f32>(f(p, i), load<f32>(f(p, i)) - recF(rec, LEARNING_RATE) * step);
  }
}

/** Adds the rows' top-1 matches with their labels and (mode: agree) the teacher's predictions. */
function count(op: usize, rec: usize, rows: i32): void {
  const z = ptr(op, 1);
  const c = word(op, 2);
  const labels = ptr(op, 3);
  const counts = ptr(op, 4);
  const idx = <usize>recI(rec, IDX);
  const preds = <usize>recI(rec, PREDS);
  const agree = (recI(rec, MODE) & MODE_AGREE) != 0;
  for (let r = 0; r < rows; r++) {
    const best = topClass(z + <usize>(r * c) * 4, c);
    if (best == load<i32>(f(labels, load<i32>(f(idx, r))))) store<i32>(counts, load<i32>(counts) + 1);
    if (agree && best == load<i32>(f(preds, r))) store<i32>(counts + 4, load<i32>(counts + 4) + 1);
  }
}

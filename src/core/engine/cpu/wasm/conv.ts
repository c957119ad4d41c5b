// AssemblyScript: a conv block's ops (fused/layout.ts `ConvGeometry`: a k × k 'same' convolution,
// ReLU, a 2 × 2 max-pool), the fused WGSL kernels' semantics (fused/conv-shaders.ts) on the CPU.
// Images are row-major, channels last. The convolutions are the dense layers' matmul over an
// im2col view kept per block (positions × taps, a tap's columns (dy, dx, c) in the kernel's own
// order [k, k, C, F]), so one register-blocked kernel serves every product: Z = cols · W,
// dW = colsᵀ · DZ, dcols = DZ · Wᵀ, then col2im adds dcols back onto the input's positions.
// Every op but the filters' gradient cuts its work by images, so a thread writes only its own rows.
import { matmul } from './matmul';

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

/**
 * `n` floats from `src` to `dst`: a call to memory.copy costs more than the few channels most
 * taps carry (one, for a first block on grey images).
 */
// @ts-ignore: decorator
@inline
function copy(dst: usize, src: usize, n: i32): void {
  let c = 0;
  for (; c + 4 <= n; c += 4) v128.store(f(dst, c), v128.load(f(src, c)));
  for (; c < n; c++) store<f32>(f(dst, c), load<f32>(f(src, c)));
}

/**
 * The columns [x0, x1) of a kernel row at output column `xx`: the taps whose input column lies in
 * the image. In channels-last images a kernel row's taps read one contiguous run of the input.
 */
// @ts-ignore: decorator
@inline
function tapStart(xx: i32, pad: i32): i32 {
  return max(0, pad - xx);
}

// @ts-ignore: decorator
@inline
function tapEnd(xx: i32, pad: i32, k: i32, S: i32): i32 {
  return min(k, S + pad - xx);
}

/**
 * cols of images [r0, r1): for each position and tap, the input's C channels there, zeros where
 * the tap falls in the padding. A kernel row's taps in the image are one copy.
 */
function im2col(x: usize, cols: usize, S: i32, C: i32, k: i32, r0: i32, r1: i32): void {
  const pad = (k - 1) / 2;
  const K = k * k * C;
  const rowC = k * C;
  for (let r = r0; r < r1; r++) {
    const image = x + <usize>(r * S * S * C) * 4;
    let out = cols + <usize>(r * S * S * K) * 4;
    for (let y = 0; y < S; y++) {
      for (let xx = 0; xx < S; xx++) {
        const x0 = tapStart(xx, pad);
        const x1 = tapEnd(xx, pad, k, S);
        for (let dy = 0; dy < k; dy++) {
          const iy = y + dy - pad;
          const row = out + <usize>(dy * rowC) * 4;
          if (iy < 0 || iy >= S) {
            zero(row, rowC);
            continue;
          }
          if (x0 > 0) zero(row, x0 * C);
          const src = image + <usize>((iy * S + xx + x0 - pad) * C) * 4;
          copy(row + <usize>(x0 * C) * 4, src, (x1 - x0) * C);
          if (x1 < k) zero(row + <usize>(x1 * C) * 4, (k - x1) * C);
        }
        out += <usize>K << 2;
      }
    }
  }
}

/** `n` zeros from `dst`. */
// @ts-ignore: decorator
@inline
function zero(dst: usize, n: i32): void {
  for (let c = 0; c < n; c++) store<f32>(f(dst, c), 0);
}

/** dst[0, n) += src[0, n), four at a time. */
// @ts-ignore: decorator
@inline
function addInto(dst: usize, src: usize, n: i32): void {
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    v128.store(f(dst, c), f32x4.add(v128.load(f(dst, c)), v128.load(f(src, c))));
  }
  for (; c < n; c++) store<f32>(f(dst, c), load<f32>(f(dst, c)) + load<f32>(f(src, c)));
}

/**
 * Z = conv(input) + b and H = 2 × 2 max-pool of ReLU(Z), images [r0, r1). Words: input (0: the
 * record's rows), S, C, F, k, W, b, Z, H, cols.
 */
export function convForward(op: usize, x: usize, r0: i32, r1: i32): void {
  const S = word(op, 2);
  const C = word(op, 3);
  const F = word(op, 4);
  const k = word(op, 5);
  const b = ptr(op, 7);
  const z = ptr(op, 8);
  const h = ptr(op, 9);
  const cols = ptr(op, 10);
  const K = k * k * C;
  const SS = S * S;
  im2col(x, cols, S, C, k, r0, r1);
  matmul(r0 * SS, r1 * SS, F, K, cols, K, 1, ptr(op, 6), F, z, F);
  for (let m = r0 * SS; m < r1 * SS; m++) addInto(z + <usize>(m * F) * 4, b, F);
  const O = S / 2;
  for (let r = r0; r < r1; r++) {
    for (let oy = 0; oy < O; oy++) {
      for (let ox = 0; ox < O; ox++) {
        const z00 = z + <usize>(((r * S + 2 * oy) * S + 2 * ox) * F) * 4;
        const z10 = z00 + <usize>(S * F) * 4;
        const out = h + <usize>(((r * O + oy) * O + ox) * F) * 4;
        let n = 0;
        for (; n + 4 <= F; n += 4) {
          const top = f32x4.max(v128.load(f(z00, n)), v128.load(f(z00, n + F)));
          const bottom = f32x4.max(v128.load(f(z10, n)), v128.load(f(z10, n + F)));
          v128.store(f(out, n), f32x4.max(f32x4.splat(0), f32x4.max(top, bottom)));
        }
        for (; n < F; n++) {
          const top = max(load<f32>(f(z00, n)), load<f32>(f(z00, n + F)));
          const bottom = max(load<f32>(f(z10, n)), load<f32>(f(z10, n + F)));
          store<f32>(f(out, n), max<f32>(0, max(top, bottom)));
        }
      }
    }
  }
}

/**
 * DZ, images [r0, r1): each window's D (of the pooled output) to its first largest element
 * (row-major) of ReLU(Z), where that Z is positive, as tfjs's max-pool gradient; zero elsewhere
 * and on an odd side's last row and column. Words: Z, D, DZ, S, F.
 */
export function poolGrad(op: usize, r0: i32, r1: i32): void {
  const z = ptr(op, 1);
  const d = ptr(op, 2);
  const dz = ptr(op, 3);
  const S = word(op, 4);
  const F = word(op, 5);
  const O = S / 2;
  const image = S * S * F;
  memory.fill(dz + <usize>(r0 * image) * 4, 0, <usize>((r1 - r0) * image) * 4);
  for (let r = r0; r < r1; r++) {
    for (let oy = 0; oy < O; oy++) {
      for (let ox = 0; ox < O; ox++) {
        const e00 = ((r * S + 2 * oy) * S + 2 * ox) * F;
        const g = d + <usize>(((r * O + oy) * O + ox) * F) * 4;
        let n = 0;
        // Four filters at once: the same choice, lane by lane, as the scalar loop below.
        for (; n + 4 <= F; n += 4) windowGrad4(z, dz, g, e00 + n, S * F, F, n);
        for (; n < F; n++) {
          // Ties go to the earlier element, in row-major order: (0,0), (0,1), (1,0), (1,1).
          let first = e00 + n;
          let best = max<f32>(load<f32>(f(z, first)), 0);
          let at = first + F;
          let v = max<f32>(load<f32>(f(z, at)), 0);
          if (v > best) { best = v; first = at; }
          at = e00 + S * F + n;
          v = max<f32>(load<f32>(f(z, at)), 0);
          if (v > best) { best = v; first = at; }
          at += F;
          v = max<f32>(load<f32>(f(z, at)), 0);
          if (v > best) first = at;
          if (load<f32>(f(z, first)) > 0) store<f32>(f(dz, first), load<f32>(f(g, n)));
        }
      }
    }
  }
}

/** One window's gradient for filters n … n + 3 (`at`: its first element's index, `down`: a row). */
// @ts-ignore: decorator
@inline
function windowGrad4(z: usize, dz: usize, g: usize, at: i32, down: i32, F: i32, n: i32): void {
  const zero = f32x4.splat(0);
  const a00 = f(z, at), a01 = f(z, at + F), a10 = f(z, at + down), a11 = f(z, at + down + F);
  const z0 = v128.load(a00), z1 = v128.load(a01), z2 = v128.load(a10), z3 = v128.load(a11);
  let best = f32x4.max(z0, zero);
  const m1 = f32x4.gt(f32x4.max(z1, zero), best);
  best = v128.bitselect(f32x4.max(z1, zero), best, m1);
  const m2 = f32x4.gt(f32x4.max(z2, zero), best);
  best = v128.bitselect(f32x4.max(z2, zero), best, m2);
  const m3 = f32x4.gt(f32x4.max(z3, zero), best);
  // The last lane to win is the first largest; a gradient only where that Z is positive.
  const is3 = m3;
  const is2 = v128.andnot(m2, m3);
  const is1 = v128.andnot(v128.andnot(m1, m2), m3);
  const is0 = v128.not(v128.or(m1, v128.or(m2, m3)));
  const d = v128.load(f(g, n));
  v128.store(f(dz, at), v128.and(d, v128.and(is0, f32x4.gt(z0, zero))));
  v128.store(f(dz, at + F), v128.and(d, v128.and(is1, f32x4.gt(z1, zero))));
  v128.store(f(dz, at + down), v128.and(d, v128.and(is2, f32x4.gt(z2, zero))));
  v128.store(f(dz, at + down + F), v128.and(d, v128.and(is3, f32x4.gt(z3, zero))));
}

/**
 * dW = colsᵀ · DZ over every position of the batch (this thread's taps), and on thread 0 the
 * bias's Σ DZ. Words: cols, positions a row (S²), K, F, DZ, dW, db.
 */
export function filterGrad(op: usize, rows: i32, i0: i32, i1: i32, thread: i32): void {
  const cols = ptr(op, 1);
  const positions = rows * word(op, 2);
  const K = word(op, 3);
  const F = word(op, 4);
  const dz = ptr(op, 5);
  const db = ptr(op, 7);
  matmul(i0, i1, F, positions, cols, 1, K, dz, F, ptr(op, 6), F);
  if (thread != 0) return;
  zero(db, F);
  for (let m = 0; m < positions; m++) addInto(db, dz + <usize>(m * F) * 4, F);
}

/**
 * D of the block's input (the pooled output below), images [r0, r1): dcols = DZ · Wᵀ into the
 * block's cols (the filters' gradient has read them), then each tap's value added onto the input
 * position it read. Words: DZ, S, C, F, k, Wᵀ (F × K), cols, D below.
 */
export function convInputGrad(op: usize, r0: i32, r1: i32): void {
  const dz = ptr(op, 1);
  const S = word(op, 2);
  const C = word(op, 3);
  const F = word(op, 4);
  const k = word(op, 5);
  const cols = ptr(op, 7);
  const below = ptr(op, 8);
  const K = k * k * C;
  const SS = S * S;
  const pad = (k - 1) / 2;
  matmul(r0 * SS, r1 * SS, K, F, dz, F, 1, ptr(op, 6), K, cols, K);
  memory.fill(below + <usize>(r0 * SS * C) * 4, 0, <usize>((r1 - r0) * SS * C) * 4);
  const rowC = k * C;
  for (let r = r0; r < r1; r++) {
    const image = below + <usize>(r * SS * C) * 4;
    let tap = cols + <usize>(r * SS * K) * 4;
    for (let y = 0; y < S; y++) {
      for (let xx = 0; xx < S; xx++) {
        const x0 = tapStart(xx, pad);
        const x1 = tapEnd(xx, pad, k, S);
        for (let dy = 0; dy < k; dy++) {
          const iy = y + dy - pad;
          if (iy < 0 || iy >= S) continue;
          const to = image + <usize>((iy * S + xx + x0 - pad) * C) * 4;
          addInto(to, tap + <usize>((dy * rowC + x0 * C) * 4), (x1 - x0) * C);
        }
        tap += <usize>K << 2;
      }
    }
  }
}

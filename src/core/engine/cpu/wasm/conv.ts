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
 * cols of images [r0, r1): for each position and tap, the input's C channels there, zeros where
 * the tap falls in the padding.
 */
function im2col(x: usize, cols: usize, S: i32, C: i32, k: i32, r0: i32, r1: i32): void {
  const pad = (k - 1) / 2;
  const K = k * k * C;
  const chanB = <usize>C << 2;
  for (let r = r0; r < r1; r++) {
    const image = x + <usize>(r * S * S * C) * 4;
    for (let p = 0; p < S * S; p++) {
      const y = p / S;
      const xx = p % S;
      let out = cols + <usize>((r * S * S + p) * K) * 4;
      for (let dy = 0; dy < k; dy++) {
        const iy = y + dy - pad;
        for (let dx = 0; dx < k; dx++) {
          const ix = xx + dx - pad;
          if (iy >= 0 && iy < S && ix >= 0 && ix < S) {
            memory.copy(out, image + <usize>((iy * S + ix) * C) * 4, chanB);
          } else {
            memory.fill(out, 0, chanB);
          }
          out += chanB;
        }
      }
    }
  }
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
  for (let m = r0 * SS; m < r1 * SS; m++) {
    const zm = z + <usize>(m * F) * 4;
    for (let n = 0; n < F; n++) store<f32>(f(zm, n), load<f32>(f(zm, n)) + load<f32>(f(b, n)));
  }
  const O = S / 2;
  for (let r = r0; r < r1; r++) {
    for (let oy = 0; oy < O; oy++) {
      for (let ox = 0; ox < O; ox++) {
        const z00 = z + <usize>(((r * S + 2 * oy) * S + 2 * ox) * F) * 4;
        const z10 = z00 + <usize>(S * F) * 4;
        const out = h + <usize>(((r * O + oy) * O + ox) * F) * 4;
        for (let n = 0; n < F; n++) {
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
        for (let n = 0; n < F; n++) {
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
  for (let n = 0; n < F; n++) store<f32>(f(db, n), 0);
  for (let m = 0; m < positions; m++) {
    const row = dz + <usize>(m * F) * 4;
    for (let n = 0; n < F; n++) store<f32>(f(db, n), load<f32>(f(db, n)) + load<f32>(f(row, n)));
  }
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
  for (let r = r0; r < r1; r++) {
    const image = below + <usize>(r * SS * C) * 4;
    for (let p = 0; p < SS; p++) {
      const y = p / S;
      const xx = p % S;
      let tap = cols + <usize>((r * SS + p) * K) * 4;
      for (let dy = 0; dy < k; dy++) {
        const iy = y + dy - pad;
        for (let dx = 0; dx < k; dx++) {
          const ix = xx + dx - pad;
          if (iy >= 0 && iy < S && ix >= 0 && ix < S) {
            const to = image + <usize>((iy * S + ix) * C) * 4;
            for (let c = 0; c < C; c++) store<f32>(f(to, c), load<f32>(f(to, c)) + load<f32>(f(tap, c)));
          }
          tap += <usize>C << 2;
        }
      }
    }
  }
}

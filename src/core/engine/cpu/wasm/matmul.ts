// AssemblyScript (compiled by `npm run build:wasm`; docs/architecture.md, "The fused CPU engine").
// The one product every dense kernel of the fused CPU engine is: C = A · B, f32, row-major C and
// B, A read through two strides so the same code serves x · W (A's rows along k) and xᵀ · D (A's
// columns along k). Register-blocked: a 4-row × 8-column block of C is 8 f32x4 accumulators; each
// step along k loads two of B and broadcasts four of A. A 4 × 16 block spilled x64's 16 vector
// registers (19 GFLOP/s against 23–28 here, 128 × 784 by 784 × 512, one thread); 6 × 8 was slower.
// Remainders: rows below a block of four one at a time (16, then 4 columns a step); the columns
// past a multiple of four one at a time.

/** Columns taken together over every row block (no faster or slower than none, measured here). */
const PANEL = 128;

/** C(i, j) = Σ_k A(i, k) · B(k, j) for i in [m0, m1), j in [0, n). Pointers are byte addresses. */
export function matmul(
  m0: i32,
  m1: i32,
  n: i32,
  k: i32,
  a: usize,
  aRow: i32,
  aK: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
): void {
  const aRowB = <usize>aRow << 2;
  const aKB = <usize>aK << 2;
  const ldbB = <usize>ldb << 2;
  const ldcB = <usize>ldc << 2;
  const n4 = n & ~3;
  for (let j0 = 0; j0 < n4; j0 += PANEL) {
    const j1 = min(j0 + PANEL, n4);
    let i = m0;
    for (; i + 4 <= m1; i += 4) {
      const pa = a + <usize>i * aRowB;
      const pc = c + <usize>i * ldcB;
      let j = j0;
      for (; j + 8 <= j1; j += 8) block4x8(k, pa, aRowB, aKB, b + (<usize>j << 2), ldbB, pc + (<usize>j << 2), ldcB);
      for (; j + 4 <= j1; j += 4) block4x4(k, pa, aRowB, aKB, b + (<usize>j << 2), ldbB, pc + (<usize>j << 2), ldcB);
    }
    for (; i < m1; i++) {
      const pa = a + <usize>i * aRowB;
      const pc = c + <usize>i * ldcB;
      let j = j0;
      for (; j + 16 <= j1; j += 16) block1x16(k, pa, aKB, b + (<usize>j << 2), ldbB, pc + (<usize>j << 2));
      for (; j + 4 <= j1; j += 4) block1x4(k, pa, aKB, b + (<usize>j << 2), ldbB, pc + (<usize>j << 2));
    }
  }
  for (let j = n & ~3; j < n; j++) {
    for (let i = m0; i < m1; i++) {
      let acc: f32 = 0;
      let pa = a + <usize>i * aRowB;
      let pb = b + (<usize>j << 2);
      for (let kk = 0; kk < k; kk++) {
        acc += load<f32>(pa) * load<f32>(pb);
        pa += aKB;
        pb += ldbB;
      }
      store<f32>(c + <usize>i * ldcB + (<usize>j << 2), acc);
    }
  }
}

// @ts-ignore: decorator
@inline
function fma(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

function block1x16(k: i32, a: usize, aKB: usize, b: usize, ldbB: usize, c: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  for (let kk = 0; kk < k; kk++) {
    const x = v128.load32_splat(pa);
    c0 = fma(c0, x, v128.load(pb)); c1 = fma(c1, x, v128.load(pb, 16));
    c2 = fma(c2, x, v128.load(pb, 32)); c3 = fma(c3, x, v128.load(pb, 48));
    pa += aKB;
    pb += ldbB;
  }
  v128.store(c, c0); v128.store(c, c1, 16); v128.store(c, c2, 32); v128.store(c, c3, 48);
}

function block4x4(k: i32, a: usize, aRowB: usize, aKB: usize, b: usize, ldbB: usize, c: usize, ldcB: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  for (let kk = 0; kk < k; kk++) {
    const y = v128.load(pb);
    c0 = fma(c0, v128.load32_splat(pa), y);
    c1 = fma(c1, v128.load32_splat(pa + aRowB), y);
    c2 = fma(c2, v128.load32_splat(pa + 2 * aRowB), y);
    c3 = fma(c3, v128.load32_splat(pa + 3 * aRowB), y);
    pa += aKB;
    pb += ldbB;
  }
  v128.store(c, c0);
  v128.store(c + ldcB, c1);
  v128.store(c + 2 * ldcB, c2);
  v128.store(c + 3 * ldcB, c3);
}

function block1x4(k: i32, a: usize, aKB: usize, b: usize, ldbB: usize, c: usize): void {
  let c0 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  for (let kk = 0; kk < k; kk++) {
    c0 = fma(c0, v128.load32_splat(pa), v128.load(pb));
    pa += aKB;
    pb += ldbB;
  }
  v128.store(c, c0);
}

function block4x8(k: i32, a: usize, aRowB: usize, aKB: usize, b: usize, ldbB: usize, c: usize, ldcB: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  for (let kk = 0; kk < k; kk++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = fma(c00, x, b0); c01 = fma(c01, x, b1);
    x = v128.load32_splat(pa + aRowB);
    c10 = fma(c10, x, b0); c11 = fma(c11, x, b1);
    x = v128.load32_splat(pa + 2 * aRowB);
    c20 = fma(c20, x, b0); c21 = fma(c21, x, b1);
    x = v128.load32_splat(pa + 3 * aRowB);
    c30 = fma(c30, x, b0); c31 = fma(c31, x, b1);
    pa += aKB;
    pb += ldbB;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  c += ldcB;
  v128.store(c, c10); v128.store(c, c11, 16);
  c += ldcB;
  v128.store(c, c20); v128.store(c, c21, 16);
  c += ldcB;
  v128.store(c, c30); v128.store(c, c31, 16);
}

/**
 * WGSL of a conv block's kernels (layout.ts `ConvGeometry`: a k × k 'same' convolution, ReLU, a
 * 2 × 2 max-pool), images row-major with channels last as tfjs keeps them. Each is a plain loop,
 * a thread an output: the convolution, the filters' gradient (reduced over every position of the
 * batch), the input's gradient, the pool and its gradient. Written as matmul.ts's tiled matmuls
 * over an im2col view, the convolutions' unrolled, branching loads did not finish compiling on
 * SwiftShader within two minutes; a tiled convolution with the taps staged once is the faster
 * kernel to write next.
 * The pool's gradient goes to the first largest value of each window (row-major), as tfjs's
 * max-pool gradient does, and through ReLU′ into DZ.
 */
import type { ConvGeometry, DenseLayout } from './layout';
import { ACTS, FLAT_THREADS, GRADS, PARAMS, STEP, X_BINDINGS } from './wgsl-common';

/** Layer l's conv geometry; throws for a dense layer. */
export function convOf(layout: DenseLayout, l: number): ConvGeometry {
  const conv = layout.convs[l - 1];
  if (!conv) throw new Error(`Layer ${l} is not a conv block.`);
  return conv;
}

/** Layer l's input at (batch row, flat column): a data row, or the pooled output of l − 1. */
function inputAt(layout: DenseLayout, l: number, row: string, col: string): string {
  if (l === 1) return `x[idx[u.idxOffset + ${row}] * ${layout.widths[0]}u + ${col}]`;
  return `acts[${layout.hAt[l - 1]}u + ${row} * ${layout.widths[l - 1]}u + ${col}]`;
}

/**
 * `convIn(m, kk)`: the im2col matrix of layer l's input — row m a position (batch row, y, x),
 * column kk a tap (dy, dx, channel) — zero where the tap falls in the 'same' padding.
 */
function convIn(layout: DenseLayout, l: number): string {
  const { side: S, channels: C, kernel: k } = convOf(layout, l);
  const pad = Math.floor((k - 1) / 2);
  return /* wgsl */ `
fn convIn(m: u32, kk: u32) -> f32 {
  let r = m / ${S * S}u;
  let p = m % ${S * S}u;
  let dy = i32(kk / ${k * C}u);
  let dx = i32((kk % ${k * C}u) / ${C}u);
  let c = kk % ${C}u;
  let iy = i32(p / ${S}u) + dy - ${pad};
  let ix = i32(p % ${S}u) + dx - ${pad};
  if (iy < 0 || ix < 0 || iy >= ${S} || ix >= ${S}) { return 0.0; }
  return ${inputAt(layout, l, 'r', `u32(iy * ${S} + ix) * ${C}u + c`)};
}
`;
}

/** Z = convolution of the input with the filters, plus the bias: a thread an output. */
export function convForwardShader(layout: DenseLayout, l: number): string {
  const { side: S, channels: C, filters: F, kernel: k } = convOf(layout, l);
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    PARAMS +
    ACTS +
    convIn(layout, l) +
    flat(
      `u.rows * ${S * S * F}u`,
      `let m = e / ${F}u;
  let f = e % ${F}u;
  var acc = params[${layout.biasAt[l - 1]}u + f];
  for (var kk = 0u; kk < ${k * k * C}u; kk++) {
    acc += convIn(m, kk) * params[${layout.kernelAt[l - 1]}u + kk * ${F}u + f];
  }
  acts[${layout.zAt[l]}u + e] = acc;`,
    )
  );
}

/** Elementwise over `count` outputs of a batch: `e`, the flat index, with the body. */
function flat(count: string, body: string): string {
  return /* wgsl */ `
@compute @workgroup_size(${FLAT_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let e = gid.x + gid.y * groups.x * ${FLAT_THREADS}u;
  if (e >= ${count}) { return; }
  ${body}
}
`;
}

/** Z's index of window element (i, j) of pooled position (r, oy, ox), channel f. */
const windowAt = (c: ConvGeometry, zAt: number, i: number, j: number) =>
  `${zAt}u + ((r * ${c.side}u + 2u * oy + ${i}u) * ${c.side}u + 2u * ox + ${j}u) * ${c.filters}u + f`;

/** H = 2 × 2 max-pool of ReLU(Z): the largest of each window, floored at 0. */
export function poolShader(layout: DenseLayout, l: number): string {
  const c = convOf(layout, l);
  const { pooled: O, filters: F } = c;
  const zAt = layout.zAt[l] as number;
  const taps = [0, 1].flatMap((i) =>
    [0, 1].map((j) => `best = max(best, acts[${windowAt(c, zAt, i, j)}]);`),
  );
  return (
    STEP +
    ACTS +
    flat(
      `u.rows * ${O * O * F}u`,
      `let f = e % ${F}u;
  let ox = (e / ${F}u) % ${O}u;
  let oy = (e / ${O * F}u) % ${O}u;
  let r = e / ${O * O * F}u;
  var best = 0.0;
  ${taps.join('\n  ')}
  acts[${layout.hAt[l]}u + e] = best;`,
    )
  );
}

/**
 * DZ = D of the pooled output routed to each window's first largest element (row-major), times
 * ReLU′(Z); zero for positions no window covers (an odd side's last row and column).
 */
export function poolGradShader(layout: DenseLayout, l: number): string {
  const c = convOf(layout, l);
  const { side: S, pooled: O, filters: F } = c;
  const zAt = layout.zAt[l] as number;
  const taps = [0, 1].flatMap((i) =>
    [0, 1].map(
      (j) => `{
      let v = max(acts[${windowAt(c, zAt, i, j)}], 0.0);
      if (${i + j === 0 ? 'true' : 'v > best'}) { best = v; at = ${2 * i + j}u; }
    }`,
    ),
  );
  return (
    STEP +
    ACTS +
    flat(
      `u.rows * ${S * S * F}u`,
      `let f = e % ${F}u;
  let x = (e / ${F}u) % ${S}u;
  let y = (e / ${S * F}u) % ${S}u;
  let r = e / ${S * S * F}u;
  let oy = y / 2u;
  let ox = x / 2u;
  var g = 0.0;
  if (oy < ${O}u && ox < ${O}u && acts[${zAt}u + e] > 0.0) {
    var best = 0.0;
    var at = 0u;
    ${taps.join('\n    ')}
    if (at == (y - 2u * oy) * 2u + (x - 2u * ox)) {
      g = acts[${layout.dAt[l]}u + ((r * ${O}u + oy) * ${O}u + ox) * ${F}u + f];
    }
  }
  acts[${layout.dzAt[l]}u + e] = g;`,
    )
  );
}

/**
 * The filters' gradient: im2colᵀ · DZ summed over every position of the batch, a thread a filter
 * weight; the bias's, Σ DZ, in the extra tap k² · channels.
 */
export function convFilterGradShader(layout: DenseLayout, l: number): string {
  const { side: S, channels: C, filters: F, kernel: k } = convOf(layout, l);
  const taps = k * k * C;
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    ACTS +
    GRADS +
    convIn(layout, l) +
    flat(
      `${(taps + 1) * F}u`,
      `let tap = e / ${F}u;
  let f = e % ${F}u;
  var acc = 0.0;
  let positions = u.rows * ${S * S}u;
  if (tap == ${taps}u) {
    for (var m = 0u; m < positions; m++) { acc += acts[${layout.dzAt[l]}u + m * ${F}u + f]; }
    grads[${layout.biasAt[l - 1]}u + f] = acc;
    return;
  }
  for (var m = 0u; m < positions; m++) {
    acc += convIn(m, tap) * acts[${layout.dzAt[l]}u + m * ${F}u + f];
  }
  grads[${layout.kernelAt[l - 1]}u + e] = acc;`,
    )
  );
}

/**
 * D of the block below (its pooled output, this block's input): DZ convolved with the flipped
 * filters, a thread an input element.
 */
export function convInputGradShader(layout: DenseLayout, l: number): string {
  const { side: S, channels: C, filters: F, kernel: k } = convOf(layout, l);
  const pad = Math.floor((k - 1) / 2);
  return (
    STEP +
    PARAMS +
    ACTS +
    flat(
      `u.rows * ${S * S * C}u`,
      `let c = e % ${C}u;
  let m = e / ${C}u;
  let r = m / ${S * S}u;
  let p = m % ${S * S}u;
  let y = i32(p / ${S}u);
  let x = i32(p % ${S}u);
  var acc = 0.0;
  for (var dy = 0; dy < ${k}; dy++) {
    let oy = y - dy + ${pad};
    if (oy < 0 || oy >= ${S}) { continue; }
    for (var dx = 0; dx < ${k}; dx++) {
      let ox = x - dx + ${pad};
      if (ox < 0 || ox >= ${S}) { continue; }
      let z = ${layout.dzAt[l]}u + (r * ${S * S}u + u32(oy * ${S} + ox)) * ${F}u;
      let w = ${layout.kernelAt[l - 1]}u + (u32(dy * ${k} + dx) * ${C}u + c) * ${F}u;
      for (var f = 0u; f < ${F}u; f++) { acc += acts[z + f] * params[w + f]; }
    }
  }
  acts[${layout.dAt[l - 1]}u + e] = acc;`,
    )
  );
}

/**
 * WGSL of a conv block's kernels (layout.ts `ConvGeometry`: a k × k 'same' convolution, ReLU, a
 * 2 × 2 max-pool), images row-major with channels last as tfjs keeps them. Each is a plain loop:
 * the convolution a thread a position and four filters; the pool a thread an output, its gradient
 * a thread a window; the input's gradient a thread an output; the filters' gradient (reduced over
 * every position of the batch) a workgroup a row of taps and four filters. Written as matmul.ts's
 * tiled matmuls over an im2col view, the convolutions' unrolled, branching loads did not finish
 * compiling on SwiftShader within two minutes; a tiled convolution with the input staged in
 * workgroup memory is the faster kernel to write next. The pool's gradient goes to the first
 * largest value of each window (row-major), as tfjs's max-pool gradient does, and through ReLU′
 * into DZ.
 */
import type { ConvGeometry, NetworkLayout } from './layout';
import { ACTS, FLAT_THREADS, PARAMS, STEP, X_BINDINGS } from './wgsl-common';

/** Layer l's conv geometry; throws for a dense layer. */
export function convOf(layout: NetworkLayout, l: number): ConvGeometry {
  const conv = layout.convs[l - 1];
  if (!conv) throw new Error(`Layer ${l} is not a conv block.`);
  return conv;
}

/** Filters a thread of the convolution or a workgroup of the filter gradient computes: a vec4. */
export const FILTER_QUAD = 4;

/** Quads of filters of a block: the convolution's threads a position, the gradient's workgroups a row of taps. */
export const filterQuads = (c: ConvGeometry): number => Math.ceil(c.filters / FILTER_QUAD);

/** Where row `r` of layer l's input starts: a data row through the index buffer, or H of l − 1. */
export function inputRow(layout: NetworkLayout, l: number, r: string): string {
  if (l === 1) return `idx[u.idxOffset + ${r}] * ${layout.widths[0]}u`;
  return `${layout.hAt[l - 1]}u + ${r} * ${layout.widths[l - 1]}u`;
}

/** The buffer layer l reads its input from, at a row's start (`inputRow`): the data or H of l − 1. */
export const inputBuffer = (l: number) => (l === 1 ? 'x' : 'acts');

/**
 * The quad's filters, f0 … f0 + 3, clamped into the block (F need not be a multiple of four):
 * the clamped lanes compute a real filter's value again and are never stored.
 */
export const quadFilters = (F: number) =>
  `let f0 = g * ${FILTER_QUAD}u;
  let fq = min(vec4u(f0) + vec4u(0u, 1u, 2u, 3u), vec4u(${F - 1}u));`;

/** A vec4 of four reads `at(lane)` (lane: fq.x … fq.w). */
export const quad = (at: (lane: string) => string) =>
  `vec4f(${['x', 'y', 'z', 'w'].map((c) => at(`fq.${c}`)).join(', ')})`;

/** Stores of the quad's lanes that are filters of the block. */
export const quadStores = (store: (f: string, lane: string) => string) =>
  ['x', 'y', 'z', 'w']
    .map((c, j) => `if (f0 + ${j}u < F) { ${store(`f0 + ${j}u`, c)} }`)
    .join('\n  ');

/**
 * Z = convolution of the input with the filters, plus the bias: a thread a position and a quad of
 * filters (a vec4 accumulator), so each input value read and each position's index arithmetic
 * serve four outputs. The taps are written out (k is a constant): a tap in the 'same' padding is
 * skipped, not read as zero.
 */
export function convForwardShader(layout: NetworkLayout, l: number): string {
  const c = convOf(layout, l);
  const { side: S, channels: C, filters: F, kernel: k } = c;
  const G = filterQuads(c);
  const pad = Math.floor((k - 1) / 2);
  const kernelAt = layout.kernelAt[l - 1] as number;
  const taps = [];
  for (let dy = 0; dy < k; dy++) {
    for (let dx = 0; dx < k; dx++) {
      const w = kernelAt + (dy * k + dx) * C * F;
      const mac = (channel: string, wAt: string) =>
        `acc += ${inputBuffer(l)}[at + ${channel}] * ${quad((f) => `params[${wAt} + ${f}]`)};`;
      const body =
        C === 1
          ? mac('0u', `${w}u`)
          : `for (var ch = 0u; ch < ${C}u; ch++) { ${mac('ch', `${w}u + ch * ${F}u`)} }`;
      taps.push(`{
    let iy = py + ${dy - pad};
    let ix = px + ${dx - pad};
    if (iy >= 0 && iy < ${S} && ix >= 0 && ix < ${S}) {
      let at = row + u32(iy * ${S} + ix) * ${C}u;
      ${body}
    }
  }`);
    }
  }
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    PARAMS +
    ACTS +
    flat(
      `u.rows * ${S * S * G}u`,
      `let F = ${F}u;
  let g = e % ${G}u;
  let m = e / ${G}u;
  let r = m / ${S * S}u;
  ${quadFilters(F)}
  // Not \`x\`: the first block reads the data through the binding of that name.
  let py = i32((m % ${S * S}u) / ${S}u);
  let px = i32(m % ${S}u);
  let row = ${inputRow(layout, l, 'r')};
  var acc = ${quad((f) => `params[${layout.biasAt[l - 1]}u + ${f}]`)};
  ${taps.join('\n  ')}
  ${quadStores((f, lane) => `acts[${layout.zAt[l]}u + m * F + ${f}] = acc.${lane};`)}`,
    )
  );
}

/** Elementwise over `count` outputs of a batch: `e`, the flat index, with the body. */
export function flat(count: string, body: string): string {
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
export function poolShader(layout: NetworkLayout, l: number): string {
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

/** Windows a pool gradient covers along a side: an odd side's last row and column have their own. */
export const poolGradWindows = (c: ConvGeometry): number => Math.ceil(c.side / 2);

/**
 * DZ = D of the pooled output routed to each window's first largest element (row-major), times
 * ReLU′(Z); zero for positions no window covers (an odd side's last row and column). A thread a
 * window and filter: the window's four Z values read once, its four DZ values written — a thread
 * a position read all four for each. Past the last real window (an odd side), a thread writes
 * the uncovered positions' zeros.
 */
export function poolGradShader(layout: NetworkLayout, l: number): string {
  const c = convOf(layout, l);
  const { side: S, pooled: O, filters: F } = c;
  const P = poolGradWindows(c);
  const zAt = layout.zAt[l] as number;
  const cells = [0, 1].flatMap((i) => [0, 1].map((j) => ({ i, j, n: 2 * i + j })));
  const at = (i: number, j: number) =>
    `((r * ${S}u + 2u * oy + ${i}u) * ${S}u + 2u * ox + ${j}u) * ${F}u + f`;
  const inside = (i: number, j: number) =>
    [i ? `2u * oy + 1u < ${S}u` : '', j ? `2u * ox + 1u < ${S}u` : ''].filter(Boolean).join(' && ');
  const write = ({ i, j, n }: { i: number; j: number; n: number }) => {
    const store = `acts[${layout.dzAt[l]}u + ${at(i, j)}] = select(0.0, g, covered && first == ${n}u && z${n} > 0.0);`;
    const bound = inside(i, j);
    return bound ? `if (${bound}) { ${store} }` : store;
  };
  return (
    STEP +
    ACTS +
    flat(
      `u.rows * ${P * P * F}u`,
      `let f = e % ${F}u;
  let ox = (e / ${F}u) % ${P}u;
  let oy = (e / ${P * F}u) % ${P}u;
  let r = e / ${P * P * F}u;
  // A real window: all four inside. Otherwise (an odd side's last row or column) only zeros.
  let covered = oy < ${O}u && ox < ${O}u;
  ${cells
    .map(({ i, j, n }) => {
      const bound = inside(i, j);
      const read = `acts[${zAt}u + ${at(i, j)}]`;
      return `let z${n} = ${bound ? `select(0.0, ${read}, ${bound})` : read};`;
    })
    .join('\n  ')}
  var best = max(z0, 0.0);
  var first = 0u;
  ${cells
    .slice(1)
    .map(({ n }) => `if (max(z${n}, 0.0) > best) { best = max(z${n}, 0.0); first = ${n}u; }`)
    .join('\n  ')}
  var g = 0.0;
  if (covered) { g = acts[${layout.dAt[l]}u + ((r * ${O}u + oy) * ${O}u + ox) * ${F}u + f]; }
  ${cells.map(write).join('\n  ')}`,
    )
  );
}

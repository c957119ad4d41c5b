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
import { ACTS, FLAT_THREADS, GRADS, PARAMS, STEP, X_BINDINGS } from './wgsl-common';

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
function inputRow(layout: NetworkLayout, l: number, r: string): string {
  if (l === 1) return `idx[u.idxOffset + ${r}] * ${layout.widths[0]}u`;
  return `${layout.hAt[l - 1]}u + ${r} * ${layout.widths[l - 1]}u`;
}

/** The buffer layer l reads its input from, at a row's start (`inputRow`): the data or H of l − 1. */
const input = (l: number) => (l === 1 ? 'x' : 'acts');

/**
 * The quad's filters, f0 … f0 + 3, clamped into the block (F need not be a multiple of four):
 * the clamped lanes compute a real filter's value again and are never stored.
 */
const quadFilters = (F: number) =>
  `let f0 = g * ${FILTER_QUAD}u;
  let fq = min(vec4u(f0) + vec4u(0u, 1u, 2u, 3u), vec4u(${F - 1}u));`;

/** A vec4 of four reads `at(lane)` (lane: fq.x … fq.w). */
const quad = (at: (lane: string) => string) =>
  `vec4f(${['x', 'y', 'z', 'w'].map((c) => at(`fq.${c}`)).join(', ')})`;

/** Stores of the quad's lanes that are filters of the block. */
const quadStores = (store: (f: string, lane: string) => string) =>
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
        `acc += ${input(l)}[at + ${channel}] * ${quad((f) => `params[${wAt} + ${f}]`)};`;
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

/**
 * Threads of a filter-gradient workgroup for a k-wide kernel: as many as let its partial sums, k
 * vec4s a thread, fit the 16 KB of workgroup memory WebGPU guarantees (256 for 3 × 3, 128 for 5 × 5
 * and 7 × 7, 1,024 cut to 256 for 1 × 1).
 */
export function filterThreads(kernel: number): number {
  let threads = 256;
  while (threads * kernel * 16 > 16_384) threads /= 2;
  return threads;
}

/** Rows of taps of a block's filter gradient: one a kernel row and channel, the bias's last. */
export const filterTapRows = (c: ConvGeometry): number => c.kernel * c.channels + 1;

/**
 * The filters' gradient: im2colᵀ · DZ summed over every position of the batch, and in the extra
 * row the bias's, Σ DZ. A workgroup a row of taps — a kernel row dy and an input channel — and a
 * quad of filters (x: the quad, y: the row, the bias's last), its threads striding over the
 * positions: a position's index arithmetic and its four DZ values serve the row's k taps, k vec4
 * accumulators; then a tree sum. The reduction is long (rows × side²) and the weights few, so a
 * thread a weight would leave most of a GPU idle.
 */
export function convFilterGradShader(layout: NetworkLayout, l: number): string {
  const { side: S, channels: C, filters: F, kernel: k } = convOf(layout, l);
  const pad = Math.floor((k - 1) / 2);
  const threads = filterThreads(k);
  const tapRows = k * C;
  const dz = (m: string) => quad((f) => `acts[${layout.dzAt[l]}u + ${m} * F + ${f}]`);
  const taps = Array.from({ length: k }, (_, dx) => dx);
  const sums = taps.map(
    (dx) => `{
        let ix = px + ${dx - pad};
        if (ix >= 0 && ix < ${S}) { acc${dx} += ${input(l)}[at + u32(ix) * ${C}u] * g4; }
      }`,
  );
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    ACTS +
    GRADS +
    /* wgsl */ `
var<workgroup> part: array<array<vec4f, ${k}>, ${threads}>;
@compute @workgroup_size(${threads})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let F = ${F}u;
  let g = wg.x;
  let tapRow = wg.y;
  // The row's kernel row and input channel (the bias's row reads neither).
  let dyRow = tapRow / ${C}u;
  let c = tapRow % ${C}u;
  let t = lid.x;
  ${quadFilters(F)}
  let positions = u.rows * ${S * S}u;
  ${taps.map((dx) => `var acc${dx} = vec4f();`).join('\n  ')}
  if (tapRow == ${tapRows}u) {
    for (var m = t; m < positions; m += ${threads}u) { acc0 += ${dz('m')}; }
  } else {
    // Each position's row and pixel, once a position, for the row's k taps.
    let dy = i32(dyRow) - ${pad};
    for (var m = t; m < positions; m += ${threads}u) {
      let p = m % ${S * S}u;
      let iy = i32(p / ${S}u) + dy;
      if (iy < 0 || iy >= ${S}) { continue; }
      let px = i32(p % ${S}u);
      let r = m / ${S * S}u;
      let at = ${inputRow(layout, l, 'r')} + u32(iy) * ${S * C}u + c;
      let g4 = ${dz('m')};
      ${sums.join('\n      ')}
    }
  }
  ${taps.map((dx) => `part[t][${dx}] = acc${dx};`).join('\n  ')}
  workgroupBarrier();
  for (var s = ${threads / 2}u; s > 0u; s >>= 1u) {
    if (t < s) {
      ${taps.map((dx) => `part[t][${dx}] += part[t + s][${dx}];`).join('\n      ')}
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    if (tapRow == ${tapRows}u) {
      let sum = part[0][0];
      ${quadStores((f, lane) => `grads[${layout.biasAt[l - 1]}u + ${f}] = sum.${lane};`)}
    } else {
      // Tap (dy, dx, c) of the kernel [k, k, C, F] starts at ((dy · k + dx) · C + c) · F.
      ${taps
        .map(
          (dx) => `{
        let sum = part[0][${dx}];
        let w = ${layout.kernelAt[l - 1]}u + ((dyRow * ${k}u + ${dx}u) * ${C}u + c) * F;
        ${quadStores((f, lane) => `grads[w + ${f}] = sum.${lane};`)}
      }`,
        )
        .join('\n      ')}
    }
  }
}
`
  );
}

/**
 * D of the block below (its pooled output, this block's input): DZ convolved with the flipped
 * filters, a thread an input element.
 */
export function convInputGradShader(layout: NetworkLayout, l: number): string {
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

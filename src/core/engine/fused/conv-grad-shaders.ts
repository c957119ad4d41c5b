/**
 * WGSL of a conv block's backward kernels other than the pool's (conv-shaders.ts says how each
 * is cut): the filters' gradient, a workgroup a row of taps and four filters, and the input's
 * gradient, a thread an input element.
 */
import type { ConvGeometry, NetworkLayout } from './layout';
import { convOf, flat, inputBuffer, inputRow, quad, quadFilters, quadStores } from './conv-shaders';
import { ACTS, GRADS, PARAMS, STEP, X_BINDINGS } from './wgsl-common';

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
        if (ix >= 0 && ix < ${S}) { acc${dx} += ${inputBuffer(l)}[at + u32(ix) * ${C}u] * g4; }
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

/**
 * WGSL of a dense layer's three kernels, generated per network so every width and offset is a
 * constant: forward (matmul + bias + activation + dropout), the weight and bias gradients, and the
 * input gradient with the activation's derivative and the dropout mask fused. All three are one
 * tiled matmul with its own loads and stores.
 */
import type { DenseLayout } from './layout';
import {
  ACTS,
  ERF,
  GRADS,
  PARAMS,
  RNG,
  STEP,
  X_BINDINGS,
  activate,
  derivative,
} from './wgsl-common';

/** Side of the square block of the output one matmul workgroup computes. */
export const TILE = 32;
/** Threads along each side of a matmul workgroup; each computes PER × PER outputs. */
const GROUP = 8;
/** Outputs per thread along each side: four, one vec4 (the inner loop is written for it). */
const PER = TILE / GROUP;
interface Tiled {
  /** Output rows and columns, and the reduced length: constants or `u.rows`. */
  m: string;
  n: string;
  k: string;
  /** Expressions of (m, k) and (k, n), evaluated only inside the bounds; or, starting with
   * `if`, function bodies that return one. */
  a: string;
  b: string;
  /** Statements that use `m`, `n` and `acc`, run only inside the bounds. */
  store: string;
  /**
   * Where consecutive elements of A lie in memory: along k (row-major, the default) or along m;
   * of B: along n (the default) or along k. Tiles are loaded with neighbouring threads reading
   * neighbouring addresses.
   */
  aAlongM?: boolean;
  bAlongK?: boolean;
}

function body(expression: string): string {
  return expression.startsWith('if') ? expression : `return ${expression};`;
}

/**
 * C = A · B, each workgroup one TILE × TILE block of C through workgroup memory, each of its
 * GROUP × GROUP threads a PER × PER block held in registers: fewer threads and barriers per output
 * than one thread an output, which is what software rasterizers (SwiftShader) and GPUs alike reward.
 */
function tiled(t: Tiled): string {
  const loads = (TILE * TILE) / (GROUP * GROUP);
  return /* wgsl */ `
var<workgroup> tileA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB: array<array<vec4<f32>, ${TILE / 4}>, ${TILE}>;
fn loadA(m: u32, k: u32) -> f32 { ${body(t.a)} }
fn loadB(k: u32, n: u32) -> f32 { ${body(t.b)} }
@compute @workgroup_size(${GROUP}, ${GROUP})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let M = ${t.m};
  let N = ${t.n};
  let K = ${t.k};
  let thread = lid.y * ${GROUP}u + lid.x;
  let mBase = wg.y * ${TILE}u;
  let nBase = wg.x * ${TILE}u;
  var sums: array<vec4<f32>, ${PER}>;
  for (var k0 = 0u; k0 < K; k0 += ${TILE}u) {
    for (var i = 0u; i < ${loads}u; i++) {
      let e = thread + i * ${GROUP * GROUP}u;
      let slow = e / ${TILE}u;
      let fast = e % ${TILE}u;
      let am = ${t.aAlongM ? 'fast' : 'slow'};
      let ak = ${t.aAlongM ? 'slow' : 'fast'};
      var va = 0.0;
      if (mBase + am < M && k0 + ak < K) { va = loadA(mBase + am, k0 + ak); }
      tileA[am][ak] = va;
      let bk = ${t.bAlongK ? 'fast' : 'slow'};
      let bn = ${t.bAlongK ? 'slow' : 'fast'};
      var vb = 0.0;
      if (k0 + bk < K && nBase + bn < N) { vb = loadB(k0 + bk, nBase + bn); }
      tileB[bk][bn / 4u][bn % 4u] = vb;
    }
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k++) {
      // Four outputs a thread-row at once: one vec4 multiply-add, which SIMD hardware and
      // SwiftShader's vectorizer both take as one instruction.
      let b = tileB[k][lid.x];
      for (var i = 0u; i < ${PER}u; i++) { sums[i] += tileA[lid.y * ${PER}u + i][k] * b; }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < ${PER}u; i++) {
    for (var j = 0u; j < ${PER}u; j++) {
      let m = mBase + lid.y * ${PER}u + i;
      let n = nBase + lid.x * ${PER}u + j;
      let acc = sums[i][j];
      if (m < M && n < N) {
        ${t.store}
      }
    }
  }
}
`;
}

/** The input of layer `l` at (row, column): a data row through the index buffer, or H of l − 1. */
function input(layout: DenseLayout, l: number, row: string, col: string): string {
  if (l === 1) return `x[idx[u.idxOffset + ${row}] * ${layout.widths[0]}u + ${col}]`;
  return `acts[${layout.hAt[l - 1]}u + ${row} * ${layout.widths[l - 1]}u + ${col}]`;
}

/** Z = input · W + b; for a hidden layer also H = dropout(activation(Z)). */
export function forwardShader(layout: DenseLayout, l: number): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const hidden = l < layout.widths.length - 1;
  const activation = layout.activations[l - 1] ?? 'relu';
  const rate = layout.dropouts[l - 1] ?? 0;
  const store = hidden
    ? `let z = acc + params[${layout.biasAt[l - 1]}u + n];
    acts[${layout.zAt[l]}u + m * ${units}u + n] = z;
    acts[${layout.hAt[l]}u + m * ${units}u + n] = (${activate(activation)}) * keep(${l}u, m, n, ${rate});`
    : `acts[${layout.zAt[l]}u + m * ${units}u + n] = acc + params[${layout.biasAt[l - 1]}u + n];`;
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    PARAMS +
    ACTS +
    RNG +
    ERF +
    tiled({
      m: 'u.rows',
      n: `${units}u`,
      k: `${fanIn}u`,
      a: input(layout, l, 'm', 'k'),
      b: `params[${layout.kernelAt[l - 1]}u + k * ${units}u + n]`,
      store,
    })
  );
}

/**
 * dW = inputᵀ · D and, in the extra row m = fanIn, db = Σ D over the batch's rows.
 */
export function weightGradShader(layout: DenseLayout, l: number): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const inputAt = input(layout, l, 'k', 'm');
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    ACTS +
    GRADS +
    tiled({
      m: `${fanIn + 1}u`,
      n: `${units}u`,
      k: 'u.rows',
      a: `if (m == ${fanIn}u) { return 1.0; } return ${inputAt};`,
      aAlongM: true,
      b: `acts[${layout.dAt[l]}u + k * ${units}u + n]`,
      store: `if (m == ${fanIn}u) { grads[${layout.biasAt[l - 1]}u + n] = acc; }
    else { grads[${layout.kernelAt[l - 1]}u + m * ${units}u + n] = acc; }`,
    })
  );
}

/** D of layer l − 1 = (D · Wᵀ) × dropout mask × activation′(Z of l − 1). */
export function inputGradShader(layout: DenseLayout, l: number): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const below = l - 1;
  const activation = layout.activations[below - 1] ?? 'relu';
  const rate = layout.dropouts[below - 1] ?? 0;
  return (
    STEP +
    PARAMS +
    ACTS +
    RNG +
    ERF +
    tiled({
      m: 'u.rows',
      n: `${fanIn}u`,
      k: `${units}u`,
      a: `acts[${layout.dAt[l]}u + m * ${units}u + k]`,
      b: `params[${layout.kernelAt[l - 1]}u + n * ${units}u + k]`,
      bAlongK: true,
      store: `let z = acts[${layout.zAt[below]}u + m * ${fanIn}u + n];
    acts[${layout.dAt[below]}u + m * ${fanIn}u + n] = acc * keep(${below}u, m, n, ${rate}) * (${derivative(activation)});`,
    })
  );
}

/**
 * The matmul every dense kernel is (forward, weight gradient, input gradient), in variants that
 * differ only in how the work is cut: which is fastest depends on the adapter and the shape, so
 * the engine times them on the device (`tuning.ts`) and every variant must give the same numbers
 * (the parity tests run each).
 */
import { type MatmulVariant, SPLIT_BLOCK } from './matmul-variants';

/** A matmul's shape and its loads and stores, as a layer's kernel gives them. */
export interface Tiled {
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
   * of B: along n (the default) or along k. Shared tiles are loaded with neighbouring threads
   * reading neighbouring addresses.
   */
  aAlongM?: boolean;
  bAlongK?: boolean;
  /**
   * A along k, cut in two: `base`, an expression of m (a row's offset, looked up once a row), and
   * `at`, of `base` and k. The direct kernel hoists the row lookup (an index-buffer read for the
   * first layer) out of its reduction with it.
   */
  aRow?: { base: string; at: string };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const LANE = ['x', 'y', 'z', 'w'];

function body(expression: string): string {
  return expression.startsWith('if') ? expression : `return ${expression};`;
}

const loads = (t: Tiled) => /* wgsl */ `
fn loadA(m: u32, k: u32) -> f32 { ${body(t.a)} }
fn loadB(k: u32, n: u32) -> f32 { ${body(t.b)} }
${
  t.aRow
    ? `fn rowBase(m: u32) -> u32 { return ${t.aRow.base}; }
fn rowLoad(base: u32, k: u32) -> f32 { return ${t.aRow.at}; }`
    : ''
}`;

/**
 * The stores of a thread's `rows` × 4·`quads` block whose first output is (m0, n0), from the
 * accumulators s{row}_{quad} (vec4s).
 */
const stores = (t: Tiled, rows: number, quads: number): string =>
  range(rows)
    .flatMap((i) =>
      range(4 * quads).map(
        (j) => `{
    let m = m0 + ${i}u;
    let n = n0 + ${j}u;
    let acc = s${i}_${Math.floor(j / 4)}.${LANE[j % 4]};
    if (m < M && n < N) {
      ${t.store}
    }
  }`,
      ),
    )
    .join('\n  ');

function shared(t: Tiled, tile: number): string {
  const group = tile / 4;
  const perThread = (tile * tile) / (group * group);
  return /* wgsl */ `
var<workgroup> tileA: array<array<f32, ${tile}>, ${tile}>;
var<workgroup> tileB: array<array<vec4<f32>, ${tile / 4}>, ${tile}>;
${loads(t)}
@compute @workgroup_size(${group}, ${group})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let M = ${t.m};
  let N = ${t.n};
  let K = ${t.k};
  let thread = lid.y * ${group}u + lid.x;
  let mBase = wg.y * ${tile}u;
  let nBase = wg.x * ${tile}u;
  ${range(4)
    .map((i) => `var s${i}_0 = vec4f();`)
    .join('\n  ')}
  for (var k0 = 0u; k0 < K; k0 += ${tile}u) {
    for (var i = 0u; i < ${perThread}u; i++) {
      let e = thread + i * ${group * group}u;
      let slow = e / ${tile}u;
      let fast = e % ${tile}u;
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
    for (var k = 0u; k < ${tile}u; k++) {
      // Four outputs a thread-row at once: one vec4 multiply-add.
      let b = tileB[k][lid.x];
      ${range(4)
        .map((i) => `s${i}_0 += tileA[lid.y * 4u + ${i}u][k] * b;`)
        .join('\n      ')}
    }
    workgroupBarrier();
  }
  let m0 = mBase + lid.y * 4u;
  let n0 = nBase + lid.x * 4u;
  ${stores(t, 4, 1)}
}
`;
}

/**
 * The direct kernel's reduction, written out: named accumulators and row offsets, `unroll` values
 * of k a turn. Arrays indexed in a loop would live in memory on a compiler that does not unroll
 * (SwiftShader's), one load and one store per multiply-add.
 */
function reduction(rows: number, quads: number, unroll: number, byRow: boolean): string {
  const a = (i: number, k: string) => (byRow ? `rowLoad(r${i}, ${k})` : `loadA(r${i}, ${k})`);
  const turn = (step: number) => {
    const k = (j: number) => (j === 0 ? 'k' : `k + ${j}u`);
    const bs = range(step).flatMap((j) =>
      range(quads).map(
        (h) =>
          `let b${j}_${h} = vec4f(${LANE.map((c) => `loadB(${k(j)}, c${h}.${c})`).join(', ')});`,
      ),
    );
    const as = range(rows).flatMap((i) =>
      range(step).map((j) => `let a${i}_${j} = ${a(i, k(j))};`),
    );
    const sums = range(rows).flatMap((i) =>
      range(quads).map(
        (h) =>
          `s${i}_${h} += ${range(step)
            .map((j) => `a${i}_${j} * b${j}_${h}`)
            .join(' + ')};`,
      ),
    );
    return [...bs, ...as, ...sums].join('\n    ');
  };
  if (unroll === 1) return `for (var k = 0u; k < K; k++) {\n    ${turn(1)}\n  }`;
  return /* wgsl */ `var k = 0u;
  for (; k + ${unroll}u <= K; k += ${unroll}u) {
    ${turn(unroll)}
  }
  for (; k < K; k++) {
    ${turn(1)}
  }`;
}

/** k values a turn of the direct kernel's reduction (a tail loop takes the rest). */
const UNROLL = 4;

function direct(t: Tiled, rows: number, cols: number): string {
  const quads = cols / 4;
  const first = (i: number) => `min(m0 + ${i}u, M - 1u)`;
  const offsets = range(rows).map(
    (i) => `let r${i} = ${t.aRow ? `rowBase(${first(i)})` : first(i)};`,
  );
  const columns = range(quads).map(
    (h) => `let c${h} = min(vec4u(n0 + ${4 * h}u) + vec4u(0u, 1u, 2u, 3u), vec4u(N - 1u));`,
  );
  const sums = range(rows).flatMap((i) => range(quads).map((h) => `var s${i}_${h} = vec4f();`));
  return /* wgsl */ `
${loads(t)}
@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let M = ${t.m};
  let N = ${t.n};
  let K = ${t.k};
  let m0 = wg.y * ${8 * rows}u + lid.y * ${rows}u;
  let n0 = wg.x * ${8 * cols}u + lid.x * ${cols}u;
  if (m0 >= M || n0 >= N) { return; }
  // Indices clamped into the matrix: the reduction needs no bounds test, and what the clamped
  // rows and columns compute is never stored.
  ${[...columns, ...offsets, ...sums].join('\n  ')}
  ${reduction(rows, quads, UNROLL, t.aRow !== undefined)}
  ${stores(t, rows, quads)}
}
`;
}

/**
 * Split-K: thread `lid` of the workgroup sums k = lid, lid + slices, … for the workgroup's 4 × 4
 * block (neighbouring threads read neighbouring k), then the partial sums are added pairwise in
 * workgroup memory, log₂(slices) barriers, and thread 0 stores. No early return: every thread must
 * reach the barriers, so out-of-range rows and columns are clamped and never stored.
 */
function split(t: Tiled, slices: number): string {
  const rows = SPLIT_BLOCK;
  const row = (i: number) => `min(m0 + ${i}u, M - 1u)`;
  const load = (i: number) => (t.aRow ? `rowLoad(r${i}, k)` : `loadA(r${i}, k)`);
  return /* wgsl */ `
var<workgroup> partial: array<array<vec4f, ${rows}>, ${slices}>;
${loads(t)}
@compute @workgroup_size(${slices})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let M = ${t.m};
  let N = ${t.n};
  let K = ${t.k};
  let m0 = wg.y * ${rows}u;
  let n0 = wg.x * 4u;
  let c0 = min(vec4u(n0) + vec4u(0u, 1u, 2u, 3u), vec4u(N - 1u));
  ${range(rows)
    .map((i) => `let r${i} = ${t.aRow ? `rowBase(${row(i)})` : row(i)};`)
    .join('\n  ')}
  ${range(rows)
    .map((i) => `var p${i} = vec4f();`)
    .join('\n  ')}
  for (var k = lid; k < K; k += ${slices}u) {
    let b = vec4f(${LANE.map((c) => `loadB(k, c0.${c})`).join(', ')});
    ${range(rows)
      .map((i) => `p${i} += ${load(i)} * b;`)
      .join('\n    ')}
  }
  ${range(rows)
    .map((i) => `partial[lid][${i}] = p${i};`)
    .join('\n  ')}
  workgroupBarrier();
  for (var half = ${slices / 2}u; half > 0u; half >>= 1u) {
    if (lid < half) {
      ${range(rows)
        .map((i) => `partial[lid][${i}] += partial[lid + half][${i}];`)
        .join('\n      ')}
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    ${range(rows)
      .map((i) => `let s${i}_0 = partial[0][${i}];`)
      .join('\n    ')}
    ${stores(t, rows, 1)}
  }
}
`;
}

/** C = A · B as cut by `v`. */
export function matmul(t: Tiled, v: MatmulVariant): string {
  if (v.kind === 'shared') return shared(t, v.tile);
  if (v.kind === 'split') return split(t, v.slices);
  return direct(t, v.rows, v.cols);
}

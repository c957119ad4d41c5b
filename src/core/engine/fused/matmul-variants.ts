/**
 * The ways a matmul can be cut (`matmul.ts` writes each as a kernel), which the tuner tries on a
 * shape, and which a shape gets before any tuning.
 */

/**
 * How a matmul is cut. (A 64-wide shared tile would need 32 KB of workgroup memory, twice what
 * WebGPU guarantees.) `shared`: each workgroup stages TILE × TILE blocks of A and B in workgroup
 * memory, each of its (TILE/4)² threads a 4 × 4 block of C in registers — what GPUs with fast
 * shared memory reward. `direct`: no workgroup memory and no barriers, each of 8 × 8 threads a
 * `rows` × `cols` block of C straight from storage, k unrolled by four — what caches (and CPU
 * rasterizers such as SwiftShader, where a barrier is a coroutine switch) reward. Measured on
 * SwiftShader (784-512-512-10 teacher step, one run): shared 32 × 32 ≈ 960 ms, direct 8 × 8 ≈
 * 280 ms; most of the gain is the written-out accumulators (`reduction`). `split`: split-K for a
 * long reduction and a small output (a student's first layer, 128 × 32 outputs over 784 inputs,
 * keeps only 64 threads of a direct 8 × 8 busy): each workgroup one 4 × 4 block of C, its `slices`
 * threads each a strided share of k, summed in workgroup memory — one dispatch, no scratch buffer.
 */
export type MatmulVariant =
  | { readonly kind: 'shared'; readonly tile: 32 }
  | { readonly kind: 'direct'; readonly rows: 4 | 8; readonly cols: 4 | 8 }
  | { readonly kind: 'split'; readonly slices: 64 };

/**
 * Every variant the tuner tries; the first is the default on a large output (`defaultVariant`):
 * the fastest on SwiftShader, where the tests and CI run.
 */
export const VARIANTS: readonly MatmulVariant[] = [
  // The first and the fourth are the defaults (`defaultVariant`).
  { kind: 'direct', rows: 8, cols: 8 },
  { kind: 'direct', rows: 4, cols: 8 },
  { kind: 'direct', rows: 8, cols: 4 },
  { kind: 'direct', rows: 4, cols: 4 },
  { kind: 'shared', tile: 32 },
  { kind: 'split', slices: 64 },
];

const WIDE = VARIANTS[0] as MatmulVariant;
const NARROW = VARIANTS[3] as MatmulVariant;

/**
 * The variant a shape gets before any tuning (and the reference the tuner's others must agree
 * with): the 8 × 8 cut, a 64 × 64 block of C a workgroup, unless the output fills fewer than
 * four such blocks — then the 4 × 4 cut, four times the threads on a small output (a narrow
 * layer, a small batch) where one 64-thread workgroup would leave a GPU idle. On SwiftShader it
 * also compiles about four times faster, and compiling is most of a small run's start there: a
 * plain matmul's pipeline 45 ms against 190 ms in Node; a Moons run's 24 kernels 3.0–3.6 s against
 * 9.2–11.5 s in headless Chromium (two runs each).
 */
export function defaultVariant(shape: { m: number; n: number }): MatmulVariant {
  const block = blockOf(WIDE);
  const blocks = Math.ceil(shape.m / block.m) * Math.ceil(shape.n / block.n);
  return blocks >= 4 ? WIDE : NARROW;
}

/**
 * Split-K is tried only where it can pay: an output of at most this many elements (a 128-row
 * batch into 128 units) over a reduction of at least SPLIT_MIN_K. On a larger output its 64
 * threads a 4 × 4 block only add barriers (measured on SwiftShader: 5.3 s against the direct
 * kernel's 92 ms for a 785 × 512 weight gradient over 128 rows), and timing it would eat the
 * tuner's budget.
 */
const SPLIT_MAX_OUTPUTS = 128 * 128;
const SPLIT_MIN_K = 256;

/** The variants worth timing on an m × n output reduced over k. */
export function variantsFor(shape: { m: number; n: number; k: number }): MatmulVariant[] {
  const splitPays = shape.m * shape.n <= SPLIT_MAX_OUTPUTS && shape.k >= SPLIT_MIN_K;
  return VARIANTS.filter((v) => v.kind !== 'split' || splitPays);
}

export function variantName(v: MatmulVariant): string {
  if (v.kind === 'shared') return `shared ${v.tile}×${v.tile}`;
  if (v.kind === 'split') return `split-K ${v.slices}`;
  return `direct ${v.rows}×${v.cols}`;
}

export function variantByName(name: string): MatmulVariant | undefined {
  return VARIANTS.find((v) => variantName(v) === name);
}

/** Rows and columns of C one workgroup of `v` computes: the dispatch's grid divides by them. */
export function blockOf(v: MatmulVariant): { m: number; n: number } {
  if (v.kind === 'shared') return { m: v.tile, n: v.tile };
  if (v.kind === 'split') return { m: SPLIT_BLOCK, n: SPLIT_BLOCK };
  return { m: 8 * v.rows, n: 8 * v.cols };
}

/** Rows and columns of C a split-K workgroup sums. */
export const SPLIT_BLOCK = 4;

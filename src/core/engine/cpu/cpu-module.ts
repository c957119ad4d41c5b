/**
 * The fused CPU engine's WebAssembly (wasm/*.ts, AssemblyScript, built into kernels-wasm.ts) and
 * the memory it works in: one `WebAssembly.Memory` holding a run's data and models (shared with
 * the pool's threads in the threaded build), handed out from JavaScript (a bump allocator: a run's
 * buffers live as long as its engine).
 */
import { KERNELS_WASM, KERNELS_WASM_THREADED, SHARED_MAXIMUM_PAGES } from './kernels-wasm';

/** The words of a step's record and the op codes, as the module exports them. */
const RECORD_NAMES = [
  'ROWS',
  'SEED',
  'MODE',
  'TEMPERATURE',
  'ALPHA',
  'LEARNING_RATE',
  'CORR1',
  'CORR2',
  'METHOD',
  'EPSILON',
  'BETA',
  'CE',
  'WARM',
  'GAMMA',
  'IDX',
  'X',
  'PREDS',
] as const;
const OP_NAMES = [
  'GATHER',
  'FORWARD',
  'WEIGHT_GRAD',
  'TRANSPOSE',
  'INPUT_GRAD',
  'LOSS',
  'HINT_ERROR',
  'HINT_INPUT_GRAD',
  'ADAM',
  'COUNT',
  'CONV_FORWARD',
  'POOL_GRAD',
  'FILTER_GRAD',
  'CONV_INPUT_GRAD',
] as const;
export type RecordWord = (typeof RECORD_NAMES)[number];
export type OpName = (typeof OP_NAMES)[number];

interface KernelExports {
  run(ops: number, count: number, rec: number): void;
  /** The threaded build: runs the ops on every thread of the pool, this one as thread 0. */
  runParallel(ctl: number, ops: number, count: number, rec: number): void;
  /** The threaded build: runs `count` whole plans (a table of ops, count, record) over the pool. */
  runMembers(ctl: number, jobs: number, count: number): void;
}

const compiled = new Map<boolean, WebAssembly.Module>();

/** The compiled module (single-threaded, or `threaded`), once per JavaScript thread. */
export function kernelsModule(threaded: boolean): WebAssembly.Module {
  let module = compiled.get(threaded);
  if (!module) {
    const text = threaded ? KERNELS_WASM_THREADED : KERNELS_WASM;
    module = new WebAssembly.Module(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
    compiled.set(threaded, module);
  }
  return module;
}

const PAGE = 65536;
/** Where the allocator starts: below lies the module's own static data (none today). */
const BASE = PAGE;

/** The module's instance and its memory, with an allocator over it. */
export class CpuMemory {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  /** Each record word's index and each op's code, read from the module. */
  readonly word: Readonly<Record<RecordWord, number>>;
  readonly op: Readonly<Record<OpName, number>>;
  readonly opWords: number;
  readonly recordWords: number;
  private allocated = BASE;

  readonly module: WebAssembly.Module;

  /** With `shared`, the threaded build on shared memory (a pool's threads instantiate it too). */
  constructor(readonly shared = false) {
    this.memory = shared
      ? new WebAssembly.Memory({ initial: 2, maximum: SHARED_MAXIMUM_PAGES, shared: true })
      : new WebAssembly.Memory({ initial: 2 });
    this.module = kernelsModule(shared);
    const instance = new WebAssembly.Instance(this.module, { env: { memory: this.memory } });
    const exports = instance.exports as unknown as Record<string, unknown>;
    const value = (name: string): number => {
      const g = exports[name];
      if (!(g instanceof WebAssembly.Global)) throw new Error(`The kernels export no ${name}.`);
      return g.value as number;
    };
    this.word = Object.fromEntries(RECORD_NAMES.map((n) => [n, value(n)])) as Record<
      RecordWord,
      number
    >;
    this.op = Object.fromEntries(OP_NAMES.map((n) => [n, value(n)])) as Record<OpName, number>;
    this.opWords = value('OP_WORDS');
    this.recordWords = value('RECORD_WORDS');
    this.kernels = instance.exports as unknown as KernelExports;
  }

  /** `bytes` of zeroed memory, aligned to `align` bytes (16 at least); grows the memory as needed. */
  alloc(bytes: number, align = 16): number {
    const at = Math.ceil(this.allocated / align) * align;
    this.allocated = Math.ceil((at + Math.max(bytes, 4)) / 16) * 16;
    const pages = Math.ceil(this.allocated / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    return at;
  }

  /** Where the next allocation would start: a mark to `release` back to. */
  get top(): number {
    return this.allocated;
  }

  /**
   * Frees everything allocated since `mark` (the memory stays grown: wasm memory cannot shrink),
   * zeroed again, as `alloc` promises it.
   */
  release(mark: number): void {
    new Uint8Array(this.memory.buffer, mark, this.allocated - mark).fill(0);
    this.allocated = mark;
  }

  /** A fresh view (growing the memory detaches the old ones). */
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  /** Copies `values` into new memory and says where. */
  upload(values: Float32Array | Int32Array): number {
    const at = this.alloc(values.byteLength);
    if (values instanceof Float32Array) this.f32(at, values.length).set(values);
    else this.i32(at, values.length).set(values);
    return at;
  }
}

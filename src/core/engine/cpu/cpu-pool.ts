/**
 * The fused CPU engine's pool: `count − 1` threads beside the engine's own, each running the
 * threaded kernels on a shared memory the pool owns, woken through a control block for each plan
 * (wasm/threads.ts: every op's rows cut among them, a barrier after each op). An engine takes the
 * pool and gives it back when it is done; the next engine reuses it, memory and threads — a fresh
 * pool's threads compile the module anew and start on its slow first tier, which made a short
 * run's first steps on two threads slower than on one (bench:node, 5 timed steps).
 */
import { CpuMemory } from './cpu-module';
import type { PoolThread, SpawnThread } from './threads';

/** How long the threads may take to start before the engine runs on its own thread. */
const THREAD_START_MS = 10_000;
/** Words of the control block (wasm/threads.ts). */
const CONTROL_WORDS = 16;

/** The pool given back and not yet taken again (one: engines of a thread mostly follow each other). */
let idle: CpuPool | null = null;

export class CpuPool {
  /** Where an engine's allocations start, past the control block: what `giveBack` frees to. */
  private readonly floor: number;

  private constructor(
    /** The shared memory the pool's threads run on, an engine's numbers in it. */
    readonly cpu: CpuMemory,
    private readonly others: PoolThread[],
    /** The control block's byte address. */
    readonly ctl: number,
  ) {
    this.floor = cpu.top;
  }

  /**
   * A pool of `count` threads for an engine: the idle one if it has as many, else a new one, once
   * every thread waits for work; null if one fails or is late to start.
   */
  static async take(count: number, spawn: SpawnThread): Promise<CpuPool | null> {
    const kept = idle;
    idle = null;
    if (kept?.threads === count) return kept;
    kept?.stop();
    return CpuPool.start(new CpuMemory(true), count, spawn);
  }

  /** Frees `pool`'s engine memory (zeroed) and keeps it for the next engine, or ends it. */
  static giveBack(pool: CpuPool): void {
    pool.cpu.release(pool.floor);
    if (idle) pool.stop();
    else idle = pool;
  }

  private static async start(
    cpu: CpuMemory,
    count: number,
    spawn: SpawnThread,
  ): Promise<CpuPool | null> {
    // Aligned to its size: the kernels address its words as ctl | 4i (wasm/threads.ts).
    const ctl = cpu.alloc(CONTROL_WORDS * 4, CONTROL_WORDS * 4);
    cpu.i32(ctl, CONTROL_WORDS)[6] = count;
    const { module, memory } = cpu;
    const others = Array.from({ length: count - 1 }, (_, i) =>
      spawn({ module, memory, ctl, thread: i + 1 }),
    );
    const pool = new CpuPool(cpu, others, ctl);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, THREAD_START_MS);
    });
    const ready = Promise.all(others.map((t) => t.ready)).then(() => true as const);
    const ok = await Promise.race([ready, late]).catch(() => false as const);
    clearTimeout(timer);
    if (ok) return pool;
    pool.stop();
    return null;
  }

  /** Threads in all, the engine's own included. */
  get threads(): number {
    return this.others.length + 1;
  }

  /** Wakes the threads to quit, and ends them. */
  stop(): void {
    const words = this.cpu.i32(this.ctl, CONTROL_WORDS);
    Atomics.store(words, 7, 1);
    Atomics.add(words, 0, 1);
    Atomics.notify(words, 0);
    for (const t of this.others) t.terminate();
  }
}

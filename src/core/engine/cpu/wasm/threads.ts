// AssemblyScript: the fused CPU engine on several threads (the build with shared memory; in the
// single-threaded build these functions are empty). Every thread runs every op of a plan, each
// on its part of the rows (step.ts `runOp`), and waits at a barrier after each op. Thread 0 is
// the engine's own; the others are workers (cpu/thread-pool.ts) parked in `serve`, woken by a
// job number. A job is one plan cut by rows, or (`runMembers`) several whole plans, each on one
// thread — a group's small students, too short a step to cut. The control block at `ctl`, in words:
//   0 job number · 1 threads arrived at the barrier · 2 barrier generation · 3 ops (members: the
//   job table) · 4 op count (members: jobs) · 5 record · 6 threads · 7 quit · 8 members (1) or not
import { OP_WORDS, run, runOp } from './ops';

/** Busy checks before a thread sleeps: kernels take 0.05–5 ms, a wake-up tens of µs. */
const SPINS = 20000;
/**
 * Between jobs, longer: the JavaScript between two steps (a record, the next batch's rows) takes
 * longer than SPINS checks, and a pool thread asleep by then wakes late for every step.
 */
const JOB_SPINS = 200000;

/**
 * Word i's address: `ctl | 4i` (the block is aligned to its 64 bytes, so it is ctl + 4i) — an `or`, which
 * the optimizer does not fold into an atomic's offset immediate: Liftoff, V8's first-tier wasm
 * compiler in Node 20, ran atomics with an offset on the wrong word (measured: a pool that lost
 * one thread's rows under --liftoff, not under --no-liftoff).
 */
// @ts-ignore: decorator
@inline
function wordAt(ctl: usize, i: i32): usize {
  return ctl | (<usize>i << 2);
}

function barrier(ctl: usize, threads: i32): void {
  if (!ASC_FEATURE_THREADS) return;
  const gen = atomic.load<i32>(wordAt(ctl, 2));
  if (atomic.add<i32>(wordAt(ctl, 1), 1) == threads - 1) {
    atomic.store<i32>(wordAt(ctl, 1), 0);
    atomic.add<i32>(wordAt(ctl, 2), 1);
    atomic.notify(wordAt(ctl, 2));
    return;
  }
  for (let i = 0; i < SPINS; i++) if (atomic.load<i32>(wordAt(ctl, 2)) != gen) return;
  while (atomic.load<i32>(wordAt(ctl, 2)) == gen) atomic.wait<i32>(wordAt(ctl, 2), gen);
}

/**
 * Thread `thread`'s share of the job in the control block: its rows of every op, a barrier after
 * each; or its whole plans of a members job (the jobs `thread`, `thread + threads`, …; a job is three
 * words: ops, op count, record), one barrier at the end.
 */
function work(ctl: usize, thread: i32): void {
  const ops = <usize>atomic.load<i32>(wordAt(ctl, 3));
  const count = atomic.load<i32>(wordAt(ctl, 4));
  const rec = <usize>atomic.load<i32>(wordAt(ctl, 5));
  const threads = atomic.load<i32>(wordAt(ctl, 6));
  if (atomic.load<i32>(wordAt(ctl, 8)) == 1) {
    for (let j = thread; j < count; j += threads) {
      const job = ops + <usize>(j * 12);
      run(<usize>load<i32>(job), load<i32>(job, 4), <usize>load<i32>(job, 8));
    }
    barrier(ctl, threads);
    return;
  }
  for (let i = 0; i < count; i++) {
    runOp(ops + <usize>(i * OP_WORDS * 4), rec, thread, threads);
    barrier(ctl, threads);
  }
}

/** Runs `count` ops on every thread; returns once all of them have finished the last. */
export function runParallel(ctl: usize, ops: usize, count: i32, rec: usize): void {
  if (!ASC_FEATURE_THREADS) return;
  atomic.store<i32>(wordAt(ctl, 8), 0);
  post(ctl, ops, count, rec);
}

/** Runs `count` whole plans (a table of ops, op count, record) spread over the threads. */
export function runMembers(ctl: usize, jobs: usize, count: i32): void {
  if (!ASC_FEATURE_THREADS) return;
  atomic.store<i32>(wordAt(ctl, 8), 1);
  post(ctl, jobs, count, 0);
}

function post(ctl: usize, ops: usize, count: i32, rec: usize): void {
  atomic.store<i32>(wordAt(ctl, 3), <i32>ops);
  atomic.store<i32>(wordAt(ctl, 4), count);
  atomic.store<i32>(wordAt(ctl, 5), <i32>rec);
  atomic.add<i32>(wordAt(ctl, 0), 1);
  atomic.notify(wordAt(ctl, 0));
  work(ctl, 0);
}

/** A worker's life: waits for a job, does its share, until the quit word is set. */
export function serve(ctl: usize, thread: i32): void {
  if (!ASC_FEATURE_THREADS) return;
  // From job 0: a job posted before this thread got here is still its to do.
  let seen = 0;
  while (true) {
    let spins = 0;
    while (atomic.load<i32>(wordAt(ctl, 0)) == seen) {
      if (spins < JOB_SPINS) spins++;
      else atomic.wait<i32>(wordAt(ctl, 0), seen);
    }
    seen = atomic.load<i32>(wordAt(ctl, 0));
    if (atomic.load<i32>(wordAt(ctl, 7)) != 0) return;
    work(ctl, thread);
  }
}

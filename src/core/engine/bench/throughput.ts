/** Training throughput of a step function, timed from a drained device queue to a drained one. */
import type { Throughput } from '../../throughput';

export type { Throughput };

export interface TimeStepsOptions {
  warmup: number;
  steps: number;
  now: () => number;
  /** Runs step `i` and returns its number of rows (an epoch's last batch may be short). */
  step: (i: number) => number | Promise<number>;
  /**
   * Waits until every queued kernel has run (e.g. by reading a small tensor). GPU work is
   * asynchronous: without it the clock would stop when work is queued, not when it is done.
   */
  drain: () => Promise<void>;
}

export async function timeSteps(opts: TimeStepsOptions): Promise<Throughput> {
  const { warmup, steps, now, step, drain } = opts;
  for (let i = 0; i < warmup; i++) await step(i);
  await drain();
  const start = now();
  let samples = 0;
  for (let i = 0; i < steps; i++) samples += await step(warmup + i);
  await drain();
  const seconds = (now() - start) / 1000;
  return {
    steps,
    seconds,
    samplesPerSecond: samples / seconds,
    msPerStep: (seconds * 1000) / steps,
  };
}

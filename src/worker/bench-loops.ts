// The two loops the benchmark times against each other: the session's own step (ours) and the
// plain-tfjs reference (raw), timed alternately so that drift on a shared machine hits both.
import type { RawLoop } from '../core/engine/bench/raw-loop';
import { type Throughput, timeSteps } from '../core/engine/bench/throughput';
import { drainAfter } from '../core/engine/speed-probe';
import type { Network } from '../core/engine/network';
import { MetricAccumulator, type StepMetrics } from '../core/engine/trainer';
import { ModelReader } from '../core/engine/epoch-reader';
import type { BenchRequest, StepComparison } from '../protocol/bench';
import type { ModelRole } from '../protocol/messages';
import { REPORT_INTERVAL_MS } from './progress';

/** What the loops need of the benchmark's worker: its clock and a yield like the session's. */
export interface LoopDeps {
  now: () => number;
  yieldToEventLoop: () => Promise<void>;
}

/** Ours and raw are timed alternately this many times and the faster round of each is kept. */
const ROUNDS = 2;

export interface TimedLoop {
  /** Returns the step's number of rows. */
  step(i: number): number | Promise<number>;
  drain(): Promise<void>;
  dispose(): void;
}

/**
 * Ours against raw on one model: each timed ROUNDS times, alternately, the first round after the
 * warm-up steps; the faster round of each is kept, and their ratio is the efficiency.
 */
export async function compare(
  request: BenchRequest,
  deps: LoopDeps,
  makeOurs: () => TimedLoop,
  makeRaw: () => TimedLoop,
): Promise<StepComparison> {
  const loops = { ours: makeOurs(), raw: makeRaw() };
  const best: Partial<Record<'ours' | 'raw', Throughput>> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['ours', 'raw'] as const) {
        const loop = loops[kind];
        const t = await timeSteps({
          warmup: round === 0 ? request.warmupSteps : 0,
          steps: request.timedSteps,
          now: deps.now,
          step: (i) => loop.step(round * request.timedSteps + i),
          drain: () => loop.drain(),
        });
        const previous = best[kind];
        if (!previous || t.samplesPerSecond > previous.samplesPerSecond) best[kind] = t;
      }
    }
  } finally {
    loops.ours.dispose();
    loops.raw.dispose();
  }
  const { ours: o, raw: r } = best as Record<'ours' | 'raw', Throughput>;
  return { ours: o, raw: r, efficiency: o.samplesPerSecond / r.samplesPerSecond };
}

/**
 * The session's step as it runs in the worker: one yield to the event loop, the engine's step,
 * device-side metric sums, and a throttled non-blocking read at most every REPORT_INTERVAL_MS.
 */
export function ours(
  role: ModelRole,
  model: Network,
  step: (i: number) => StepMetrics,
  deps: LoopDeps,
): TimedLoop {
  const acc = new MetricAccumulator();
  const reader = new ModelReader(role === 'teacher' ? 'teacher' : 0, acc);
  let lastRead = deps.now();
  return {
    step: async (i) => {
      await deps.yieldToEventLoop();
      const metrics = step(i);
      acc.add(metrics);
      if (deps.now() - lastRead >= REPORT_INTERVAL_MS) {
        lastRead = deps.now();
        await reader.read(i);
      }
      return metrics.rows;
    },
    drain: async () => {
      await reader.closeEpoch(0);
      await drainAfter(model.weights.at(-1)?.bias);
    },
    dispose: () => {
      reader.dispose();
    },
  };
}

export function raw(loop: RawLoop): TimedLoop {
  return {
    step: (i) => loop.step(i),
    drain: () => loop.drain(),
    dispose: () => {
      loop.dispose();
    },
  };
}

import * as tf from '@tensorflow/tfjs';
import { type LatencyPair, type Summary, summarize } from '../stats';
import { type Predictor, predictorLogits } from './ready-teacher';

export interface LatencyOptions {
  /** Untimed runs first, so shader compilation and first-use allocation are not counted. */
  warmup: number;
  /** Timed runs at most. */
  runs: number;
  now: () => number;
  /** Stop once this much time has gone into timed runs, after at least MIN_RUNS of them. */
  budgetMs?: number;
}

/** Untimed runs before every latency measurement (the page's note says "3 warm-up runs"). */
export const LATENCY_WARMUP = 3;
/** Fewest timed runs before a time budget may stop the measurement. */
export const MIN_RUNS = 5;
/** Rows of the larger batch; the smaller is a single row. */
export const LATENCY_BATCH = 256;

/**
 * Inference latency of `model` on `input`, from dispatch until the logits are readable on the CPU:
 * what a caller waiting for a prediction experiences. Each run is awaited before the next starts.
 */
export async function measureLatency(
  model: Predictor,
  input: tf.Tensor2D,
  { warmup, runs, now, budgetMs = Infinity }: LatencyOptions,
): Promise<Summary> {
  return timeRuns(
    async () => {
      const logits = tf.tidy(() => predictorLogits(model, input));
      try {
        await logits.data();
      } finally {
        logits.dispose();
      }
    },
    { warmup, runs, now, budgetMs },
  );
}

/**
 * Times `run` (awaited, one after another): `warmup` untimed runs, then up to `runs` timed ones,
 * stopping early once `budgetMs` is spent after MIN_RUNS. Any runtime's inference, measured alike.
 */
export async function timeRuns(
  run: () => Promise<unknown>,
  { warmup, runs, now, budgetMs = Infinity }: LatencyOptions,
): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  const start = now();
  for (let i = 0; i < runs; i++) {
    const begun = now();
    await run();
    samples.push(now() - begun);
    if (samples.length >= MIN_RUNS && now() - start > budgetMs) break;
  }
  return summarize(samples);
}

/** Latency at batch 1 and at batch 256 (or the whole set, if smaller), on rows of `x`. */
export async function measureLatencyPair(
  model: Predictor,
  x: tf.Tensor2D,
  options: LatencyOptions,
): Promise<LatencyPair> {
  const one = tf.slice(x, [0, 0], [1, -1]);
  const many = tf.slice(x, [0, 0], [Math.min(LATENCY_BATCH, x.shape[0]), -1]);
  try {
    return {
      batch1: await measureLatency(model, one, options),
      batch256: await measureLatency(model, many, options),
    };
  } finally {
    tf.dispose([one, many]);
  }
}

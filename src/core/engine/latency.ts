import * as tf from '@tensorflow/tfjs';
import { type Summary, summarize } from '../stats';
import { type Mlp, forward } from './mlp';

export interface LatencyOptions {
  /** Untimed runs first, so shader compilation and first-use allocation are not counted. */
  warmup: number;
  runs: number;
  now: () => number;
}

/**
 * Inference latency of `model` on `input`, from dispatch until the logits are readable on the CPU:
 * what a caller waiting for a prediction experiences. Each run is awaited before the next starts.
 */
export async function measureLatency(
  model: Mlp,
  input: tf.Tensor2D,
  { warmup, runs, now }: LatencyOptions,
): Promise<Summary> {
  const once = async (): Promise<number> => {
    const start = now();
    const logits = tf.tidy(() => forward(model, input));
    try {
      await logits.data();
    } finally {
      logits.dispose();
    }
    return now() - start;
  };
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return summarize(samples);
}

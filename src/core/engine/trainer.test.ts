import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MetricAccumulator, type StepMetrics } from './trainer';

function step(loss: number, logits: number[][], labels: number[]): StepMetrics {
  return {
    loss: tf.scalar(loss),
    logits: tf.tensor2d(logits),
    labels: tf.tensor1d(labels, 'int32'),
    rows: labels.length,
  };
}

describe('MetricAccumulator', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reduces every step since the last take into a mean loss and a row accuracy', async () => {
    const before = tf.memory().numTensors;
    const acc = new MetricAccumulator();
    // Step 1: 2 of 3 rows right; step 2: 1 of 2 rows right → 3 of 5.
    acc.add(
      step(
        1,
        [
          [2, 1],
          [0, 5],
          [3, 4],
        ],
        [0, 1, 0],
      ),
    );
    acc.add(
      step(
        3,
        [
          [1, 0],
          [1, 0],
        ],
        [0, 1],
      ),
    );
    expect(acc.pendingSteps).toBe(2);
    expect(await acc.take()).toEqual({ loss: 2, accuracy: 0.6 });
    expect(acc.pendingSteps).toBe(0);
    expect(await acc.take()).toBeNull();
    acc.add(step(5, [[0, 1]], [1]));
    acc.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MetricAccumulator, type StepMetrics } from './trainer';

function step(loss: number, correct: number, rows: number): StepMetrics {
  return { loss: tf.scalar(loss), correct: tf.scalar(correct), rows };
}

describe('MetricAccumulator', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('sums every step since the last take into a mean loss and a row accuracy', async () => {
    const before = tf.memory().numTensors;
    const acc = new MetricAccumulator();
    // Step 1: 2 of 3 rows right; step 2: 1 of 2 rows right → 3 of 5.
    acc.add(step(1, 2, 3));
    acc.add(step(3, 1, 2));
    expect(acc.pendingSteps).toBe(2);
    expect(await acc.take()).toEqual({ loss: 2, accuracy: 0.6 });
    expect(acc.pendingSteps).toBe(0);
    expect(await acc.take()).toBeNull();
    acc.add(step(5, 1, 1));
    acc.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

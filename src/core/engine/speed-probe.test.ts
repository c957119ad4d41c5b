import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseStack } from '../layers';
import { probeSpeed } from './speed-probe';

describe('probeSpeed', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('times exactly the minimum steps against the clock, and leaves no tensor', async () => {
    const before = tf.memory().numTensors;
    let clock = 0;
    const shape = {
      input: { features: 4 },
      classes: 3,
      teacherHidden: denseStack([8]),
      studentHidden: denseStack([2]),
      batchSize: 16,
    };
    // Each clock reading advances 10 ms: budget 0 means exactly minSteps timed steps. The clock
    // is read at the start (10), once the minimum is done (20) and at the end (30): 3 steps of
    // 16 rows in 20 ms.
    const speed = await probeSpeed(shape, { budgetMs: 0, minSteps: 3, now: () => (clock += 10) });
    expect(speed).toBe((3 * 16 * 1000) / 20);
    expect(tf.memory().numTensors).toBe(before);
  });
});

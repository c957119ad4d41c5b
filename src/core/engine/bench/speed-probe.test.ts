import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseStack } from '../../layers';
import { probeSpeed } from './speed-probe';

describe('probeSpeed', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('measures a positive speed over at least the minimum steps and leaves no tensor', async () => {
    const before = tf.memory().numTensors;
    let clock = 0;
    const shape = {
      input: { features: 4 },
      classes: 3,
      teacherHidden: denseStack([8]),
      studentHidden: denseStack([2]),
      batchSize: 16,
    };
    // Each clock reading advances 10 ms: budget 0 means exactly minSteps timed steps.
    const speed = await probeSpeed(shape, { budgetMs: 0, minSteps: 3, now: () => (clock += 10) });
    expect(speed).toBeGreaterThan(0);
    expect(Number.isFinite(speed)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * The fused CPU engine on a pool of two threads computes the step one thread computes (the same
 * products, cut by rows or by a conv block's taps: equal to the last bit), hands the pool on to
 * the next engine, trains a run to the same report, and lets its
 * threads go.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../../src/test-support/tiny-moons';
import { generateSynthetic } from '../../src/core/data/synthetic';
import { Experiment } from '../../src/core/engine/experiment';
import { FusedSteps } from '../../src/core/engine/fused/fused-steps';
import { trainReport } from '../../src/test-support/train-students';
import { setCpuThreads } from '../../src/core/engine/cpu/threads';
import { setNodeCpuThreads, spawnNodeThread } from './node-cpu-threads';
import { QUADRANT_CONV_RUN, quadrantImages } from '../../src/test-support/quadrant-images';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => {
  setCpuThreads(1, () => {
    throw new Error('no threads');
  });
});

const config = { ...TINY_MOONS, samples: 600, teacherEpochs: 2, studentEpochs: 2 };
const run = (threads: number) => {
  setNodeCpuThreads(threads);
  const exp = new Experiment(
    generateSynthetic('moons', config.samples, config.noise, config.seed),
    config,
  );
  return trainReport(exp, 'cpu');
};

describe('the fused CPU engine on a pool of threads', () => {
  it('runs on the threads asked for', async () => {
    setNodeCpuThreads(2);
    const exp = new Experiment(
      generateSynthetic('moons', config.samples, config.noise, config.seed),
      config,
    );
    try {
      const steps = await FusedSteps.onCpu(exp);
      expect(steps.threads).toBe(2);
      steps.dispose();
    } finally {
      exp.dispose();
    }
  });

  it('trains a run to the report one thread trains, bit for bit', async () => {
    const one = await run(1);
    const two = await run(2);
    expect(two).toEqual(one);
  });

  it('gives its pool to the next engine: threads started once, memory zeroed (the same run twice)', async () => {
    let spawned = 0;
    // Three: a pool of two is left idle by the tests before; a new count starts a new pool.
    setCpuThreads(3, (init) => {
      spawned++;
      return spawnNodeThread(init);
    });
    const again = () =>
      trainReport(
        new Experiment(
          generateSynthetic('moons', config.samples, config.noise, config.seed),
          config,
        ),
        'cpu',
      );
    const first = await again();
    const second = await again();
    expect(second).toEqual(first);
    // The first run's engine started the pool's two other threads; every engine after took them.
    expect(spawned).toBe(2);
  });

  it('trains a run with conv blocks to the report one thread trains, bit for bit', async () => {
    const conv = (threads: number) => {
      setNodeCpuThreads(threads);
      const short = { ...QUADRANT_CONV_RUN, teacherEpochs: 1, studentEpochs: 1 };
      return trainReport(new Experiment(quadrantImages(160, 100), short), 'cpu');
    };
    const one = await conv(1);
    const two = await conv(2);
    expect(two).toEqual(one);
  });
});

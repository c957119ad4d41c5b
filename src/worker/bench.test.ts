import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config';
import { generateSynthetic } from '../core/data/synthetic';
import { denseStack } from '../core/layers';
import type { BenchRequest } from '../protocol/bench';
import type { BackendName, FromWorker } from '../protocol/messages';
import { type BenchDeps, runBench } from './bench';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'moons',
  samples: 300,
  teacherHidden: denseStack([16], 0.2),
  studentHidden: denseStack([4]),
  teacherEpochs: 2,
  studentEpochs: 2,
  batchSize: 32,
  labeledFraction: 0.5,
};

const request: BenchRequest = {
  backend: 'cpu',
  config,
  warmupSteps: 2,
  timedSteps: 4,
  latencyRuns: 5,
  memoryConfig: config,
};

function deps(active: BackendName, posted: FromWorker[] = []): BenchDeps {
  return {
    post: (m) => posted.push(m),
    selectBackend: () =>
      Promise.resolve(
        active === 'cpu' ? { name: 'cpu' } : { name: active, fallbackReason: 'cpu: refused' },
      ),
    loadDataset: (c) => Promise.resolve(generateSynthetic('moons', c.samples, c.noise, c.seed)),
    yieldToEventLoop: () => new Promise((r) => setImmediate(r)),
    now: () => performance.now(),
  };
}

describe('runBench', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('times ours beside raw for each model, measures latency and records a flat tensor count', async () => {
    const posted: FromWorker[] = [];
    const before = tf.memory().numTensors;
    const result = await runBench(request, deps('cpu', posted));
    if (!result.available) throw new Error(result.reason);

    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const { ours, raw, efficiency } = result.steps[role];
      expect(ours.steps).toBe(4);
      expect(raw.samplesPerSecond).toBeGreaterThan(0);
      expect(efficiency).toBeCloseTo(ours.samplesPerSecond / raw.samplesPerSecond, 12);
      const { batch1, batch256 } = result.latency[role];
      expect(batch1.runs).toBe(5);
      expect(batch1.p50).toBeGreaterThan(0);
      expect(batch256.p95).toBeGreaterThanOrEqual(batch256.p50);
    }

    const teacherCounts = result.memory.filter((m) => m.model === 'teacher').map((m) => m.tensors);
    const studentCounts = result.memory.filter((m) => m.model === 'scratch').map((m) => m.tensors);
    expect(teacherCounts).toHaveLength(2);
    expect(new Set(teacherCounts).size).toBe(1);
    expect(new Set(studentCounts).size).toBe(1);
    // Everything the benchmark made, the memory run's session included, is released.
    expect(tf.memory().numTensors).toBe(before);
    expect(posted.filter((m) => m.type === 'bench-progress').length).toBeGreaterThan(3);
  });

  it('reports a backend that fell back as unavailable, with the reason', async () => {
    const result = await runBench(request, deps('wasm'));
    expect(result).toEqual({ available: false, backend: 'cpu', reason: 'cpu: refused' });
  });
});

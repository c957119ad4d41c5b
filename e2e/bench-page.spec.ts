import { expect, test } from './fixtures';
import type {} from '../src/bench-page/bench-window';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../src/core/config';
import { denseStack } from '../src/core/layers';
import type { BenchRequest } from '../src/protocol/bench';

const tiny: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('moons'),
  dataset: 'moons',
  samples: 200,
  teacherHidden: denseStack([8]),
  studentHidden: denseStack([2]),
  teacherEpochs: 2,
  studentEpochs: 2,
  labeledFraction: 0.2,
};

/** What `npm run bench` asks of the worker, at a size a test can afford, on real WebGPU. */
test('the benchmark page times ours and raw in the real worker on WebGPU', async ({ page }) => {
  await page.goto('/bench.html');
  await page.waitForFunction(() => typeof window.distillBench === 'function');
  const request: BenchRequest = {
    backend: 'webgpu',
    config: tiny,
    warmupSteps: 1,
    timedSteps: 2,
    latencyRuns: 3,
    memoryConfig: tiny,
  };
  const result = await page.evaluate((r) => {
    if (!window.distillBench) throw new Error('bench page did not load');
    return window.distillBench(r);
  }, request);
  if (!result.available) throw new Error(result.reason);
  expect(result.backend.name).toBe('webgpu');
  expect(result.backend.adapter).toMatch(/swiftshader/i);
  for (const role of ['teacher', 'distilled', 'scratch'] as const) {
    expect(result.steps[role].ours.samplesPerSecond).toBeGreaterThan(0);
    expect(result.steps[role].raw.samplesPerSecond).toBeGreaterThan(0);
    expect(result.latency[role].batch1.p50).toBeGreaterThan(0);
    expect(result.latency[role].batch256.runs).toBe(3);
    const counts = result.memory.filter((m) => m.model === role).map((m) => m.tensors);
    expect(counts).toHaveLength(2);
    expect(new Set(counts).size).toBe(1);
  }
});

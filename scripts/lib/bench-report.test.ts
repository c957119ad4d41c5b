import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { summarize } from '../../src/core/stats';
import type { BenchResult, StepComparison } from '../../src/protocol/bench';
import { type BenchReport, checkBudgets, formatReport } from './bench-report';
import type { JankStats } from './jank';

const throughput = (samplesPerSecond: number) => ({
  steps: 8,
  seconds: 1,
  samplesPerSecond,
  msPerStep: 1000 / 8,
});
const step = (ours: number, raw: number): StepComparison => ({
  ours: throughput(ours),
  raw: throughput(raw),
  efficiency: ours / raw,
});
const latency = { batch1: summarize([1, 2, 3]), batch256: summarize([4, 5, 6]) };
const jank = (steadyLongTasks: number): JankStats => ({
  clock: 'timer',
  runSeconds: 10,
  steadySeconds: 8,
  longTasks: steadyLongTasks + 1,
  steadyLongTasks,
  resultsLongTasks: 1,
  longestTaskMs: 70,
  frames: 480,
  droppedFrames: 3,
  longestFrameMs: 90,
});

function result(efficiencies: [number, number, number], tensors: number[]): BenchResult {
  const [t, d, s] = efficiencies;
  return {
    available: true,
    backend: { name: 'webgl' },
    steps: {
      teacher: step(t * 100, 100),
      distilled: step(d * 100, 100),
      scratch: step(s * 100, 100),
    },
    latency: { teacher: latency, distilled: latency, scratch: latency },
    memory: (['teacher', 'distilled', 'scratch'] as const).flatMap((model) =>
      tensors.map((n, i) => ({ model, epoch: i + 1, tensors: n, bytes: n * 4 })),
    ),
  };
}

function report(
  backends: BenchReport['backends'],
  mainThreadGzip = 200_000,
  tfjsInMain = false,
): BenchReport {
  return {
    date: '2026-11-27T00:00:00.000Z',
    userAgent: 'test',
    chromiumArgs: [],
    request: {
      config: DEFAULT_CONFIG,
      warmupSteps: 1,
      timedSteps: 8,
      latencyRuns: 3,
      memoryConfig: DEFAULT_CONFIG,
    },
    backends,
    bundles: {
      mainThread: [
        { file: 'assets/main.js', bytes: 1, gzipBytes: mainThreadGzip, hasTfjs: tfjsInMain },
      ],
      worker: [{ file: 'assets/worker.js', bytes: 1, gzipBytes: 350_000, hasTfjs: true }],
      mainThreadGzip,
      workerGzip: 350_000,
    },
  };
}

describe('checkBudgets', () => {
  it('passes a run within every budget', () => {
    const checks = checkBudgets(
      report([{ result: result([1, 0.96, 1.2], [31, 31, 31]), jank: jank(0) }]),
    );
    expect(checks.map((c) => [c.budget, c.pass])).toEqual([
      ['webgl: pipeline efficiency ≥ 0.95', true],
      ['webgl: no long tasks in steady training', true],
      ['webgl: tensor count flat across epochs', true],
      ['main-thread JS ≤ 250 KB gzip', true],
      ['tfjs only in the worker chunk', true],
    ]);
  });

  it('fails each budget that a figure breaks, naming the figure', () => {
    const checks = checkBudgets(
      report([{ result: result([0.97, 0.94, 1], [31, 32, 33]), jank: jank(2) }], 260_000, true),
    );
    expect(checks.every((c) => !c.pass)).toBe(true);
    expect(checks[0]?.detail).toBe('teacher 0.97, distilled 0.94, scratch 1.00');
    expect(checks[1]?.detail).toMatch(/^2 in 8\.0 s/);
    expect(checks[2]?.detail).toContain('teacher 31 → 32 → 33');
    expect(checks[3]?.detail).toBe('260.0 KB in 1 file(s)');
    expect(checks[4]?.detail).toBe('tfjs in assets/main.js');
  });

  it('skips an unavailable backend and fails the jank budget when it was not measured', () => {
    const checks = checkBudgets(
      report([
        {
          result: { available: false, backend: 'webgpu', reason: 'no adapter' },
          jank: 'backend unavailable',
        },
        { result: result([1, 1, 1], [5]), jank: 'timed out' },
      ]),
    );
    expect(checks.filter((c) => c.budget.startsWith('webgpu'))).toEqual([]);
    expect(checks.find((c) => c.budget.includes('long tasks'))).toMatchObject({
      pass: false,
      detail: 'timed out',
    });
    const text = formatReport(
      report([
        { result: { available: false, backend: 'webgpu', reason: 'no adapter' }, jank: 'x' },
      ]),
      [],
    );
    expect(text).toContain('webgpu   unavailable: no adapter');
  });

  it('checks and prints the fused kernels against tfjs kernels on WebGPU', () => {
    const timing = (samplesPerSecond: number, dispatchesPerStep: number) => ({
      samplesPerSecond,
      msPerStep: 128_000 / samplesPerSecond,
      dispatchesPerStep,
      submitsPerStep: 0.2,
    });
    const withEngines = (fusedTeacher: number, pairDispatches: number): BenchResult => ({
      ...(result([1, 1, 1], [5]) as Extract<BenchResult, { available: true }>),
      backend: { name: 'webgpu' },
      engines: {
        teacher: { tfjs: timing(100, 140), fused: timing(fusedTeacher, 10) },
        students: { tfjs: timing(400, 232), fused: timing(2000, pairDispatches) },
      },
    });
    const fused = (r: BenchResult) =>
      checkBudgets(report([{ result: r, jank: jank(0) }])).filter((c) =>
        c.budget.includes('fused'),
      );
    expect(fused(withEngines(140, 14)).map((c) => [c.pass, c.detail])).toEqual([
      [true, 'teacher 1.40×, distilled + scratch 5.00×'],
      [true, 'teacher 10 (tfjs 140), distilled + scratch 14 (tfjs 232)'],
    ]);
    expect(fused(withEngines(90, 30)).map((c) => c.pass)).toEqual([false, false]);
    const text = formatReport(report([{ result: withEngines(140, 14), jank: jank(0) }]), []);
    expect(text).toMatch(/webgpu-fused\s+teacher\s+140 samples\/s\s+10\.0 dispatches/);

    // On wasm the fused CPU engine races tfjs-wasm: its speed is its one budget (no dispatches).
    const onWasm = withEngines(300, 0);
    if (!onWasm.available) throw new Error('unavailable');
    const wasm = { ...onWasm, backend: { name: 'wasm' as const, threads: 2 } };
    expect(fused(wasm).map((c) => [c.budget, c.pass])).toEqual([
      ['wasm: fused kernels at least as fast as tfjs kernels', true],
    ]);
    const wasmText = formatReport(report([{ result: wasm, jank: jank(0) }]), []);
    expect(wasmText).toContain('the fused CPU engine against tfjs kernels');
    expect(wasmText).toMatch(/wasm-fused\s+teacher\s+300 samples\/s/);
  });
});

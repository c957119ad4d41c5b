// `npm run bench`: the built playground in headless Chromium, measured on every tfjs backend.
// Prints a table with the budgets' pass/fail and writes the figures as JSON (bench-results/).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../src/core/config';
import { type Layer, denseStack, parseLayers } from '../src/core/layers';
import type { BenchRequest, BenchResult } from '../src/protocol/bench';
import type {} from '../src/bench-page/bench-window';
import { BACKEND_NAMES, type BackendName } from '../src/protocol/messages';
import { PlaygroundPage } from '../e2e/playground-page';
import {
  type BackendBench,
  type BenchReport,
  checkBudgets,
  formatReport,
} from './lib/bench-report';
import { measureBundles } from './lib/bundles';
import { chromiumArgs, runOnPreview } from './lib/preview-browser';
import { writeResults } from './lib/results-file';
import { FRAME_MS, type JankStats, type RunWindow, type TaskEntry, jankStats } from './lib/jank';

const ROOT = join(import.meta.dirname, '..');

const USAGE = `Usage: npm run bench -- [flags]

  --backends webgpu,webgl,wasm,cpu   which backends (default all four)
  --teacher 512,512 --student 32 --batch-size 128   the models timed (default: the MNIST preset)
  --steps N         timed steps per round (default 8); --warmup N (default 3)
  --latency-runs N  inference runs per model and batch size (default 30)
  --out FILE        JSON output (default bench-results/bench-<time>.json)
  --tf-flag NAME=VALUE   a tfjs flag for the worker benchmark, repeatable,
                    e.g. --tf-flag WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=100

Chromium: CHROMIUM_PATH (default /usr/bin/chromium); BENCH_CHROMIUM_ARGS replaces the WebGPU
flags (default: SwiftShader's), e.g. BENCH_CHROMIUM_ARGS="--enable-unsafe-webgpu" on a real GPU.`;

/** The short real run whose main-thread smoothness is recorded: MNIST, small nets, ~190 steps. */
const JANK_RUN = {
  dataset: 'MNIST digits',
  teacher: [64],
  student: [16],
  teacherEpochs: 1,
  studentEpochs: 2,
};

function parseFlags() {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: BACKEND_NAMES.join(',') },
      teacher: { type: 'string' },
      student: { type: 'string' },
      'batch-size': { type: 'string' },
      steps: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '3' },
      'latency-runs': { type: 'string', default: '30' },
      out: { type: 'string' },
      'tf-flag': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const backends = values.backends.split(',').map((b) => b.trim());
  const unknown = backends.filter((b) => !(BACKEND_NAMES as readonly string[]).includes(b));
  if (unknown.length > 0) throw new Error(`Unknown backend(s): ${unknown.join(', ')}\n\n${USAGE}`);
  const whole = (flag: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a whole number ≥ 1.`);
    return n;
  };
  const layers = (flag: string, text: string | undefined, fallback: Layer[]): Layer[] => {
    if (text === undefined) return fallback;
    const parsed = parseLayers(text);
    if (!parsed.ok) throw new Error(`--${flag}: ${parsed.error}`);
    return parsed.layers;
  };
  const config: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    teacherHidden: layers('teacher', values.teacher, DEFAULT_CONFIG.teacherHidden),
    studentHidden: layers('student', values.student, DEFAULT_CONFIG.studentHidden),
    batchSize: values['batch-size']
      ? whole('batch-size', values['batch-size'])
      : DEFAULT_CONFIG.batchSize,
  };
  const tfFlags: Record<string, number | boolean> = {};
  for (const setting of values['tf-flag'] ?? []) {
    const [name, text] = setting.split('=');
    if (!name || text === undefined)
      throw new Error(`--tf-flag wants NAME=VALUE (got "${setting}").`);
    tfFlags[name] = text === 'true' ? true : text === 'false' ? false : Number(text);
  }
  const request: Omit<BenchRequest, 'backend'> = {
    tfFlags,
    config,
    timedSteps: whole('steps', values.steps),
    warmupSteps: whole('warmup', values.warmup),
    latencyRuns: whole('latency-runs', values['latency-runs']),
    // On WebGPU: a step of 1, 2, 8 and 17 students of the student network, fused.
    studentCounts: [1, 2, 8, 17],
    // On WebGPU: the same teacher and student-pair steps in jax-js, the peer.
    peer: true,
    memoryConfig: {
      ...DEFAULT_CONFIG,
      teacherHidden: denseStack([32]),
      studentHidden: denseStack([8]),
      teacherEpochs: 3,
      studentEpochs: 3,
    },
  };
  return { backends: backends as BackendName[], request, out: values.out };
}

async function benchWorker(page: Page, request: BenchRequest): Promise<BenchResult> {
  await page.goto('/bench.html');
  await page.waitForFunction(() => typeof window.distillBench === 'function');
  return page.evaluate((r) => {
    const run = window.distillBench;
    if (!run) throw new Error('bench page did not load');
    return run(r);
  }, request);
}

/**
 * Records long tasks, animation frames and the ticks of a 60 Hz timer from the page's first script
 * on. Plain JavaScript in a string: tsx would wrap a function's inner closures in a helper that
 * does not exist in the page. The timer stands in for frames where rAF never ticks (this headless
 * Chromium draws no frames); a tick arrives late exactly when the main thread was busy.
 */
const JANK_PROBE = `(() => {
  const probe = { tasks: [], frames: [], ticks: [] };
  window.__jank = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const frame = (t) => { probe.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const tick = () => { probe.ticks.push(performance.now()); setTimeout(tick, ${FRAME_MS}); };
  setTimeout(tick, ${FRAME_MS});
})();`;

interface JankProbe {
  tasks: TaskEntry[];
  frames: number[];
  ticks: number[];
}

/** A person's run on the playground page: the real UI, charts and store, on `backend`. */
async function benchMainThread(page: Page, backend: BackendName): Promise<JankStats> {
  await page.addInitScript({ content: JANK_PROBE });
  const app = new PlaygroundPage(page);
  await page.goto(`/?backend=${backend}`);
  await app.status.filter({ hasText: `Backend: ${backend}` }).waitFor({ timeout: 60_000 });
  await app.setUp(JANK_RUN);
  const start = await page.evaluate(() => performance.now());
  await app.button('Train').click();
  // Steady from the first live point on: data loaded and the first kernels compiled.
  await page.waitForFunction(
    () => (document.querySelector<HTMLProgressElement>('progress')?.value ?? 0) > 0,
    undefined,
    { timeout: 600_000, polling: 50 },
  );
  const steadyStart = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () => (document.querySelector<HTMLProgressElement>('progress')?.value ?? 0) >= 1,
    undefined,
    { timeout: 900_000, polling: 50 },
  );
  const trainedAt = await page.evaluate(() => performance.now());
  await page
    .getByRole('button', { name: 'Train', exact: true })
    .and(page.locator(':enabled'))
    .waitFor({ timeout: 900_000 });
  const end = await page.evaluate(() => performance.now());
  const probe = await page.evaluate(() => (window as unknown as { __jank: JankProbe }).__jank);
  const run: RunWindow = { start, steadyStart, trainedAt, end };
  const byFrames = jankStats(probe.tasks, probe.frames, run);
  return byFrames.frames > 1
    ? byFrames
    : { ...jankStats(probe.tasks, probe.ticks, run), clock: 'timer' };
}

const { backends, request, out } = parseFlags();
const args = chromiumArgs(process.env.BENCH_CHROMIUM_ARGS);
runOnPreview(args, async (browser, url) => {
  const results: BackendBench[] = [];
  let userAgent = '';
  for (const backend of backends) {
    const context = await browser.newContext({ baseURL: url });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'log') console.error(`  ${m.text()}`);
    });
    userAgent ||= await page.evaluate(() => navigator.userAgent);
    console.error(`${backend}: worker benchmark`);
    const result = await benchWorker(page, { ...request, backend });
    let jank: JankStats | string = 'backend unavailable';
    if (result.available) {
      console.error(`${backend}: main thread during a run on the playground page`);
      jank = await benchMainThread(page, backend).catch((e: unknown) => String(e));
    }
    results.push({ result, jank });
    await context.close();
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    userAgent,
    chromiumArgs: args,
    request,
    backends: results,
    bundles: measureBundles(join(ROOT, 'dist')),
  };
  const checks = checkBudgets(report);
  console.log(formatReport(report, checks));
  const file = writeResults('bench', report.date, { ...report, budgets: checks }, out);
  console.log(`\nwrote ${file}`);
});

// `npm run soak`: the default preset with Keep training, held for N minutes in headless Chromium
// on one backend. Every interval it samples the worker's tensors, tensor bytes, GPU buffer bytes
// and JS heap, the page's JS heap after a forced full collection (its live heap, not V8's
// sawtooth; the collections' own long tasks are left out of the page's), and how long the page takes to show a Temperature change; at
// the end it prints each series' slope with its 95 % interval, the long tasks of steady training
// and the slowest slider response, and writes the samples as JSON (bench-results/).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page, Worker } from '@playwright/test';
import { PlaygroundPage } from '../e2e/playground-page';
import { BACKEND_NAMES, type BackendName } from '../src/protocol/messages';
import type { SoakSample } from '../src/protocol/soak';
import { type HotFunction, hotFunctions } from './lib/cpu-profile';
import { chromiumArgs, runOnPreview } from './lib/preview-browser';
import { writeResults } from './lib/results-file';
import { type Row, report } from './lib/soak-report';

const USAGE = `Usage: npm run soak -- [flags]

  --backend webgpu|webgl|wasm|cpu   where the run trains (default webgpu)
  --minutes N      how long to keep training (default 30)
  --interval S     seconds between samples (default 30)
  --out FILE       JSON output (default bench-results/soak-<backend>-<time>.json)
  --profile S      at the end, record the page's main thread for S more seconds and print the
                   functions that took the most time, and write the profile beside the JSON
                   (.cpuprofile, for DevTools; build without minifying to read their
                   names: npx vite build --mode e2e --minify false && npx tsx scripts/soak.ts …)

Chromium: CHROMIUM_PATH (default /usr/bin/chromium); SOAK_CHROMIUM_ARGS replaces the WebGPU
flags (default: SwiftShader's), e.g. SOAK_CHROMIUM_ARGS="--enable-unsafe-webgpu" on a real GPU.`;

function parseFlags() {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: 'webgpu' },
      minutes: { type: 'string', default: '30' },
      interval: { type: 'string', default: '30' },
      out: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!(BACKEND_NAMES as readonly string[]).includes(values.backend)) {
    throw new Error(`Unknown backend "${values.backend}".\n\n${USAGE}`);
  }
  const positive = (flag: string, text: string): number => {
    const n = Number(text);
    if (!(n > 0)) throw new Error(`--${flag} must be a number > 0.`);
    return n;
  };
  return {
    backend: values.backend as BackendName,
    minutes: positive('minutes', values.minutes),
    interval: positive('interval', values.interval),
    out: values.out,
    profileSeconds: values.profile === undefined ? 0 : positive('profile', values.profile),
  };
}

/** Long tasks on the page from its first script on (the Long Tasks API). */
const LONG_TASK_PROBE = `(() => {
  window.__soakTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__soakTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

async function trainingWorker(page: Page): Promise<Worker> {
  for (let tries = 0; tries < 100; tries++) {
    for (const worker of page.workers()) {
      const has = await worker.evaluate(() => 'distillSoakProbe' in self).catch(() => false);
      if (has) return worker;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('The training worker has no soak probe: is this the end-to-end build?');
}

/** Moves Temperature one step (alternating up and down) and times until the page shows it. */
async function sliderResponse(page: Page, app: PlaygroundPage, up: boolean): Promise<number> {
  const label = page.getByText(/^T = /).first();
  const before = await label.textContent();
  const start = Date.now();
  await app.nudge('Temperature', up ? 'ArrowRight' : 'ArrowLeft');
  await page.waitForFunction(
    (text) => [...document.querySelectorAll('*')].every((e) => e.textContent !== text),
    before,
    { timeout: 30_000, polling: 10 },
  );
  return Date.now() - start;
}

/**
 * The page's live JS heap: a full garbage collection first, so that a sample is what the page
 * holds, not where V8's sawtooth happens to be. The collection's own pause on the page's clock is
 * returned, so that the long tasks it makes are not counted as the page's.
 */
async function liveHeap(page: Page, cdp: CDPSession) {
  const start = await page.evaluate(() => performance.now());
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const end = await page.evaluate(() => performance.now());
  return { bytes: usedSize, gc: { start, end } };
}

async function sample(
  page: Page,
  cdp: CDPSession,
  app: PlaygroundPage,
  worker: Worker,
  t0: number,
  up: boolean,
) {
  const probe = await worker.evaluate(() => {
    const scope = self as unknown as { distillSoakProbe: () => SoakSample };
    return scope.distillSoakProbe();
  });
  const heap = await liveHeap(page, cdp);
  const pageHeapBytes = heap.bytes;
  const phase = await app.phaseText();
  const step = Number(/step ([\d,]+)/.exec(phase)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  const responseMs = await sliderResponse(page, app, up);
  const minute = (Date.now() - t0) / 60_000;
  return { ...probe, pageHeapBytes, step, phase, responseMs, minute, gc: heap.gc };
}

const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;

async function soak(browser: Browser, url: string, flags: ReturnType<typeof parseFlags>) {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  await page.addInitScript({ content: LONG_TASK_PROBE });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new PlaygroundPage(page);
  await page.goto(`/?backend=${flags.backend}`);
  await app.status.filter({ hasText: `Backend: ${flags.backend}` }).waitFor({ timeout: 120_000 });
  const worker = await trainingWorker(page);
  const cdp = await context.newCDPSession(page);
  await page.getByRole('checkbox', { name: /Keep training/ }).check();
  // The navigation-relative clock of the long-task entries, and the wall clock of the samples.
  const pageT0 = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await app.button('Train').click();
  const rows: Row[] = [];
  const end = t0 + flags.minutes * 60_000;
  for (let i = 0; Date.now() + flags.interval * 1000 <= end + 1000; i++) {
    await page.waitForTimeout(flags.interval * 1000);
    const row = await sample(page, cdp, app, worker, t0, i % 2 === 0);
    rows.push(row);
    console.error(
      `  ${row.minute.toFixed(1)} min: step ${row.step}, ${row.tensors} tensors, slider ${row.responseMs} ms`,
    );
    if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
  }
  const cpu = flags.profileSeconds > 0 ? await profile(page, cdp, flags.profileSeconds) : null;
  await app.button('Stop').click();
  const all = await page.evaluate(
    () => (window as unknown as { __soakTasks: { start: number; duration: number }[] }).__soakTasks,
  );
  // The page's own: not the soak's forced collections.
  const forced = (t: { start: number; duration: number }) =>
    rows.some((r) => t.start <= r.gc.end && t.start + t.duration >= r.gc.start);
  const tasks = all
    .filter((t) => t.start >= pageT0 && !forced(t))
    .map((t) => ({ start: t.start - pageT0, duration: t.duration }));
  const phase = await app.phaseText();
  await context.close();
  return { rows, tasks, phase, cpu };
}

/** The page's main thread for `seconds` of training, by function (V8's sampling profiler). */
async function profile(
  page: Page,
  cdp: CDPSession,
  seconds: number,
): Promise<{ hot: HotFunction[]; raw: object }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(seconds * 1000);
  const { profile: result } = await cdp.send('Profiler.stop');
  return { hot: hotFunctions(result), raw: result };
}

const flags = parseFlags();
runOnPreview(chromiumArgs(process.env.SOAK_CHROMIUM_ARGS), async (browser, url) => {
  console.error(
    `soak: ${flags.minutes} min on ${flags.backend}, a sample every ${flags.interval} s`,
  );
  const { rows, tasks, phase, cpu } = await soak(browser, url, flags);
  const hot = cpu?.hot ?? [];
  console.log(`Soak on ${flags.backend}, default preset with Keep training: ${phase}`);
  console.log(report(rows, tasks));
  if (hot.length > 0) {
    console.log(`\nThe page's main thread over the last ${flags.profileSeconds} s, by self time:`);
    for (const h of hot) {
      console.log(`  ${h.selfMs.toFixed(0).padStart(7)} ms ${percent(h.share)}  ${h.name}`);
    }
  }
  const date = new Date().toISOString();
  const payload = { date, ...flags, rows, tasks, hot };
  const file = writeResults(`soak-${flags.backend}`, date, payload, flags.out);
  console.log(`\nwrote ${file}`);
  if (cpu) {
    // Chrome's DevTools (Performance panel, Load profile) opens it as a flame chart.
    const raw = file.replace(/\.json$/, '.cpuprofile');
    writeFileSync(raw, JSON.stringify(cpu.raw));
    console.log(`wrote ${raw}`);
  }
});

import { type Browser, expect, test as base } from '@playwright/test';

/** Schemes that never leave the browser. */
const LOCAL = /^(blob|data):/;

/**
 * Where the page keeps the fused kernels' self-check passes and tuned variants (localStorage, under
 * safe-storage.ts's prefix and kernel-choices.ts's key).
 */
export const KERNEL_CHOICES = 'distill-playground:kernel-choices.v1';

let checkKey: Promise<string | null> | undefined;

/**
 * The key under which the page keeps the self-check's pass for this browser's WebGPU adapter, as
 * the worker names it (`adapterInfoName`, `selfCheckKey` in src/core/engine/fused/tuning.ts; the
 * fused spec checks that they agree); null without an adapter. Asked once per Playwright worker.
 */
export function selfCheckKeyOf(browser: Browser, baseURL: string): Promise<string | null> {
  checkKey ??= (async () => {
    const page = await browser.newPage({ baseURL });
    try {
      await page.goto('/favicon.svg');
      return await page.evaluate(async () => {
        const info = (await (navigator as Partial<Navigator>).gpu?.requestAdapter())?.info;
        if (!info) return null;
        const parts = [info.vendor, info.architecture, info.device, info.description];
        return `${parts.filter(Boolean).join(' · ') || 'unnamed adapter'} | self-check`;
      });
    } finally {
      await page.close();
    }
  })();
  return checkKey;
}

/**
 * Playwright's `test`, failing any test whose page threw an uncaught error, broke the
 * Content-Security-Policy, or made a request outside its own origin (the worker's included).
 */
export const test = base.extend<{
  pageErrors: string[];
  phaseTimes: string[];
  gpuCheckedBefore: boolean;
  seedSelfCheck: undefined;
}>({
  /**
   * The visitor's GPU passed the fused kernels' self-check on an earlier visit, so a run does not
   * check it again (seconds of shader compiles on SwiftShader in every WebGPU spec; a minute for
   * the conv check beside another spec). Specs about the check itself set it false (fused.spec's
   * dense check); `fused-trust.gpu.test.ts` tests both checks in Node.
   */
  gpuCheckedBefore: [true, { option: true }],
  seedSelfCheck: [
    async ({ page, browser, baseURL, gpuCheckedBefore }, use) => {
      const key = gpuCheckedBefore ? await selfCheckKeyOf(browser, baseURL ?? '') : null;
      if (key) {
        await page.addInitScript(
          ([storageKey, passed]) => {
            try {
              const kept = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as object;
              // The dense check's pass and the conv one's (a CNN run checks a conv step too).
              const passes = { [passed]: 'passed', [`${passed} with conv`]: 'passed' };
              localStorage.setItem(storageKey, JSON.stringify({ ...kept, ...passes }));
            } catch {
              // A frame without storage (about:blank): nothing to seed.
            }
          },
          [KERNEL_CHOICES, key] as const,
        );
      }
      await use(undefined);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page, baseURL }, use) => {
      const errors: string[] = [];
      const origin = new URL(baseURL ?? 'http://localhost').origin;
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) errors.push(`CSP: ${m.text()}`);
      });
      const watchRequests = (url: string) => {
        if (!LOCAL.test(url) && new URL(url).origin !== origin) {
          errors.push(`request outside the page's origin: ${url}`);
        }
      };
      page.on('request', (r) => {
        watchRequests(r.url());
      });
      page.on('worker', (w) => {
        w.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) errors.push(`CSP (worker): ${m.text()}`);
        });
      });
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
  /**
   * When the run's phase line changed (`data-phase`), seconds from the test's start, kept as the
   * test's `phases` annotation: where a slow spec spends its time (`npm run e2e:durations`).
   */
  phaseTimes: [
    async ({ page }, use, testInfo) => {
      const start = Date.now();
      const seen: string[] = [];
      await page.exposeFunction('__distillPhase', (phase: string) => {
        seen.push(`${phase} ${((Date.now() - start) / 1000).toFixed(1)} s`);
      });
      await page.addInitScript(() => {
        let last = '';
        setInterval(() => {
          const line = document.querySelector('[data-testid=phase]');
          const phase = line?.getAttribute('data-phase') ?? '';
          if (phase === last) return;
          last = phase;
          (window as unknown as { __distillPhase: (p: string) => void }).__distillPhase(phase);
        }, 200);
      });
      await use(seen);
      if (seen.length > 0)
        testInfo.annotations.push({ type: 'phases', description: seen.join(' → ') });
    },
    { auto: true },
  ],
});

export { expect };

import { expect, test as base } from '@playwright/test';

/** Schemes that never leave the browser. */
const LOCAL = /^(blob|data):/;

/**
 * Playwright's `test`, failing any test whose page threw an uncaught error, broke the
 * Content-Security-Policy, or made a request outside its own origin (the worker's included).
 */
export const test = base.extend<{ pageErrors: string[]; phaseTimes: string[] }>({
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

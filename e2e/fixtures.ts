import { expect, test as base } from '@playwright/test';

/** Schemes that never leave the browser. */
const LOCAL = /^(blob|data):/;

/**
 * Playwright's `test`, failing any test whose page threw an uncaught error, broke the
 * Content-Security-Policy, or made a request outside its own origin (the worker's included).
 */
export const test = base.extend<{ pageErrors: string[] }>({
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
});

export { expect };

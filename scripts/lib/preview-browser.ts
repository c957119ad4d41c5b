/**
 * The browser scripts' frame (`npm run bench`, `npm run soak`): the preview build served on a free
 * port, headless Debian Chromium launched with the given flags, both closed however the script
 * ends, and an error printed as one line with a failing exit code.
 */
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { preview } from 'vite';
import { BASE_ARGS, CHROMIUM_PATH, WEBGPU_ARGS } from './chromium';
import { closeServer } from './results-file';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Chromium's flags: the base ones and `extra` (split on whitespace; an environment variable's
 * value, e.g. a real GPU's flags), else SwiftShader's WebGPU.
 */
export function chromiumArgs(extra: string | undefined): string[] {
  return [...BASE_ARGS, ...(extra?.split(/\s+/).filter(Boolean) ?? WEBGPU_ARGS)];
}

/** Runs `script` on the preview build in Chromium launched with `args`; see the file's comment. */
export function runOnPreview(
  args: readonly string[],
  script: (browser: Browser, url: string) => Promise<void>,
): void {
  const run = async () => {
    const server = await preview({
      root: ROOT,
      preview: { port: 0, strictPort: false },
      logLevel: 'warn',
    });
    let browser: Browser | null = null;
    try {
      const url = server.resolvedUrls?.local[0];
      if (!url) throw new Error('vite preview did not report a URL');
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args] });
      await script(browser, url);
    } finally {
      await browser?.close();
      await closeServer(server);
    }
  };
  run().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}

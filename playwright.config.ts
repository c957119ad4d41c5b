import { defineConfig } from '@playwright/test';
import { BASE_ARGS, CHROMIUM_PATH as executablePath, WEBGPU_ARGS } from './scripts/lib/chromium';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two browsers at a time on this 2-core machine: the suite took 10.0 min instead of 15.1 (a
  // wasm spec's single thread leaves a core to a SwiftShader one). E2E_WORKERS=1 for one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // The JSON report gives each spec's duration (`npm run e2e:durations`, quoted in the README).
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/e2e-report.json' }],
    ...(process.env.CI ? [] : [['html', { open: 'never' }] as const]),
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1400, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /no-webgpu/,
      use: { launchOptions: { executablePath, args: [...BASE_ARGS, ...WEBGPU_ARGS] } },
    },
    {
      // Without the flags this Chromium exposes navigator.gpu but finds no adapter.
      name: 'no-webgpu',
      testMatch: /no-webgpu/,
      use: { launchOptions: { executablePath, args: BASE_ARGS } },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

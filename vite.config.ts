import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { CSP, ISOLATION } from './scripts/lib/csp.ts';
import { useSwiftShaderUnlessSet } from './scripts/lib/vulkan.ts';
import { wasmThreadsGlue } from './scripts/lib/wasm-threads.ts';

/**
 * The built pages carry the policy in a meta tag, so any static host serves it; the dev server
 * does not (its React refresh preamble is an inline script).
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The fused engine's kernel tests run on WebGPU in Node (Dawn): the Vulkan driver must be named
// before the test processes start.
useSwiftShaderUnlessSet();

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // A meta tag does not reach the worker script; `vite preview` (tests, bench) sends the header too.
  // Cross-origin isolated (COOP + COEP), in development and preview alike, so WebAssembly may
  // share memory with worker threads: tfjs-wasm and ONNX Runtime Web run their threaded builds.
  // public/_headers gives a static host the same headers.
  server: { headers: ISOLATION },
  preview: { headers: { ...ISOLATION, 'Content-Security-Policy': CSP } },
  // tfjs-wasm lives in the worker bundle, which takes its own plugins.
  worker: { format: 'es', plugins: () => [wasmThreadsGlue()] },
  // Each feature's styles are a CSS module (`s.fieldHint`); the shared look is src/ui/base.css.
  css: { modules: { localsConvention: 'camelCaseOnly' } },
  // The worker's dependencies, bundled when the dev server starts: found only once the worker
  // loads, they would make Vite reload the page under a person's first run.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      'papaparse',
      'onnx-proto',
    ],
  },
  build: {
    target: 'es2022',
    // tfjs lives only in the worker chunk, which is large by nature.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // bench.html is the page `npm run bench` drives; the playground never links to it.
      input: { main: 'index.html', bench: 'bench.html' },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-support/untimed-equality.ts'],
    testTimeout: 60_000,
    // Every core, not Vitest's default of one fewer: on a 2-core machine that is one worker, and
    // the WebGPU tests wait on SwiftShader's threads while a second worker runs the CPU tests
    // (the unit suite took 179 s with two workers against 277 s with one).
    maxWorkers: availableParallelism(),
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
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
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});

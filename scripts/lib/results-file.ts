/** Where the benchmark scripts leave their figures, and how they close the preview server. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..');

/** Writes `payload` as JSON to `out`, or to bench-results/<name>-<date>.json; returns the path. */
export function writeResults(name: string, date: string, payload: unknown, out?: string): string {
  const file = out ?? join(ROOT, 'bench-results', `${name}-${date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

export function closeServer(server: PreviewServer): Promise<void> {
  return new Promise<void>((resolve) =>
    server.httpServer.close(() => {
      resolve();
    }),
  );
}

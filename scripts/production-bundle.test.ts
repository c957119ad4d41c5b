import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const outDirs: string[] = [];

/** Every file of a build of `mode`, as text. */
async function bundle(mode: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `distill-${mode}-`));
  outDirs.push(outDir);
  await build({ root, mode, logLevel: 'silent', build: { outDir, copyPublicDir: false } });
  const text: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|html)$/.test(entry.name)) text.push(readFileSync(path, 'utf8'));
    }
  };
  walk(outDir);
  return text.join('\n');
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the production bundle', () => {
  it('has no test hooks and no fault injection; the end-to-end build has both', async () => {
    const production = await bundle('production');
    expect(production).toContain('Distill Playground');
    expect(production).not.toContain('distillTestHooks');
    expect(production).not.toContain('Injected fault');
    const e2e = await bundle('e2e');
    expect(e2e).toContain('distillTestHooks');
    expect(e2e).toContain('Injected fault');
  });
});

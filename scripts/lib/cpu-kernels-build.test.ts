/** The committed WebAssembly module is the build of its AssemblyScript source, byte for byte. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT, ROOT, buildKernelsModule } from './cpu-kernels-build';

describe('the fused CPU engine kernels', () => {
  it('are what `npm run build:wasm` makes of src/core/engine/cpu/wasm/ (rebuild after an edit)', async () => {
    const committed = await readFile(resolve(ROOT, OUTPUT), 'utf8');
    expect(committed).toBe(await buildKernelsModule());
  });
});

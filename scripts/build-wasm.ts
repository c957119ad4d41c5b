/** Rebuilds src/core/engine/cpu/kernels-wasm.ts from the AssemblyScript kernels (both builds). */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OUTPUT, ROOT, buildKernelsModule } from './lib/cpu-kernels-build';

const text = await buildKernelsModule();
await writeFile(resolve(ROOT, OUTPUT), text);
console.log(`${OUTPUT}: ${text.length} characters (two WebAssembly builds, base64)`);

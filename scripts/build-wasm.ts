/** Rebuilds src/core/engine/cpu/kernels-wasm.ts from the AssemblyScript kernels. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OUTPUT, ROOT, compileKernels, kernelsModule } from './lib/cpu-kernels-build';

const binary = await compileKernels();
await writeFile(resolve(ROOT, OUTPUT), kernelsModule(binary));
console.log(`${OUTPUT}: ${binary.length} bytes of WebAssembly`);

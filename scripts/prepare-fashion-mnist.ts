// `npm run prepare-fashion`: rebuilds public/data/fashion-mnist.bin, which the repository ships,
// from Debian's dataset-fashion-mnist (`apt-get install dataset-fashion-mnist`), or from the four
// original IDX .gz files in the directory given as the first argument.
import { writeFileSync } from 'node:fs';
import { DEBIAN_FASHION_DIR, FASHION_FILE, buildFashionFile } from './lib/fashion-mnist';

const dir = process.argv[2] ?? DEBIAN_FASHION_DIR;
const bytes = buildFashionFile(dir);
writeFileSync(FASHION_FILE, bytes);
console.log(
  `fashion-mnist: wrote ${FASHION_FILE} (${(bytes.length / 1e6).toFixed(1)} MB) from ${dir}`,
);

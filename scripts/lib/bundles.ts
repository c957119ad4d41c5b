/** Gzip sizes of the built JavaScript, split into what the page loads and what the worker loads. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A string tfjs-core always contains (the URL flag it reads), and the app's own code never does. */
const TFJS_MARKER = 'tfjsflags';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  hasTfjs: boolean;
}

export interface BundleSizes {
  /** The playground's entry script and the chunks index.html preloads with it. */
  mainThread: BundleFile[];
  /** Chunks that hold tfjs: the training worker's. */
  worker: BundleFile[];
  mainThreadGzip: number;
  workerGzip: number;
}

export function measureBundles(distDir: string): BundleSizes {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const pageScripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  const describe = (file: string): BundleFile => {
    const content = readFileSync(join(distDir, file));
    return {
      file,
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
      hasTfjs: content.includes(TFJS_MARKER),
    };
  };
  const mainThread = pageScripts.map(describe);
  const worker = readdirSync(join(distDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => describe(`assets/${f}`))
    .filter((f) => f.hasTfjs && !pageScripts.includes(f.file));
  const sum = (files: BundleFile[]) => files.reduce((total, f) => total + f.gzipBytes, 0);
  return { mainThread, worker, mainThreadGzip: sum(mainThread), workerGzip: sum(worker) };
}

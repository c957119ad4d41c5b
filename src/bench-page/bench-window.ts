import type { BenchRequest, BenchResult } from '../protocol/bench';

/** What the benchmark page adds to `window` for `npm run bench` to call. */
declare global {
  interface Window {
    distillBench?: (request: BenchRequest) => Promise<BenchResult>;
  }
}

// The soak's table and verdicts: a row a sample, the slopes of memory in steady training with
// their intervals, long tasks, and the slowest slider response against its budget.
import type { SoakSample } from '../../src/protocol/soak';
import { LONG_TASK_MS } from './jank';
import { type Trend, trend } from './soak-stats';

/** The page's own answer to a slider change must land within this (the target). */
const RESPONSE_BUDGET_MS = 500;

export interface Row extends SoakSample {
  minute: number;
  step: number;
  /** The page's phase line at the sample. */
  phase: string;
  /** The page's JS heap after a full collection. */
  pageHeapBytes: number;
  /** From the key press to the new Temperature on the page. */
  responseMs: number;
  /** That collection, on the page's clock (ms). */
  gc: { start: number; end: number };
}

const MB = 1e6;
const fixed = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));

export function report(rows: readonly Row[], tasks: { start: number; duration: number }[]): string {
  const lines = [
    'minute   step  tensors  tensor MB  GPU buffers MB  worker heap MB  page live heap MB  slider ms',
  ];
  for (const r of rows) {
    lines.push(
      [
        fixed(r.minute, 1).padStart(6),
        String(r.step).padStart(6),
        String(r.tensors).padStart(8),
        fixed(r.tensorBytes / MB).padStart(10),
        fixed(r.gpuBufferBytes / MB).padStart(15),
        fixed(r.heapBytes === null ? null : r.heapBytes / MB).padStart(15),
        fixed(r.pageHeapBytes / MB).padStart(18),
        String(r.responseMs).padStart(10),
      ].join(' '),
    );
  }
  // Steady training is the last phase (the students, kept training), from its second sample on:
  // the first is taken as it settles (kernels compiled, soft targets cached).
  const training = (r: Row) => r.phase.replace(/ · .*/, '');
  const last = rows.at(-1);
  const steady = rows.filter((r) => last && training(r) === training(last)).slice(1);
  const minutes = steady.map((r) => r.minute);
  const series: [string, (r: Row) => number | null, number, string][] = [
    ['tensors', (r) => r.tensors, 1, ''],
    ['tensor bytes', (r) => r.tensorBytes, MB, ' MB'],
    ['GPU buffer bytes', (r) => r.gpuBufferBytes, MB, ' MB'],
    ['worker JS heap', (r) => r.heapBytes, MB, ' MB'],
    ['page live JS heap', (r) => r.pageHeapBytes, MB, ' MB'],
  ];
  lines.push(
    '',
    `Slopes in steady training, from minute ${fixed(steady[0]?.minute ?? null)} (per minute, 95 % interval):`,
  );
  for (const [name, read, unit, suffix] of series) {
    const values = steady.map(read);
    if (values.some((v) => v === null)) {
      lines.push(`  ${name}: not reported by this browser`);
      continue;
    }
    const t: Trend = trend(minutes, values as number[]);
    const per = (n: number) => `${(n / unit).toFixed(unit === 1 ? 2 : 3)}${suffix}`;
    lines.push(
      `  ${name}: ${per(t.slope)} ± ${per(t.halfWidth)} a minute; ${per(t.growth)} over the run (range ${per(t.range)}): ${t.verdict}`,
    );
  }
  const from = steady[0]?.minute ?? Infinity;
  const long = tasks.filter((t) => t.start >= from * 60_000);
  // Per minute: whether the page's own work grows as the run does.
  const perMinute = Array.from(
    { length: Math.ceil(last?.minute ?? 0) },
    (_, m) => tasks.filter((t) => t.start >= m * 60_000 && t.start < (m + 1) * 60_000).length,
  );
  const worst = Math.max(0, ...rows.map((r) => r.responseMs));
  lines.push(
    `Long tasks (≥ ${LONG_TASK_MS} ms) on the page in steady training: ${long.length}` +
      (long.length > 0
        ? ` (longest ${Math.max(...long.map((t) => t.duration)).toFixed(0)} ms)`
        : ''),
    `Long tasks each minute of the run: ${perMinute.join(' ')}`,
    `Slowest slider response: ${worst} ms (budget ${RESPONSE_BUDGET_MS} ms): ${worst <= RESPONSE_BUDGET_MS ? 'PASS' : 'FAIL'}`,
  );
  return lines.join('\n');
}

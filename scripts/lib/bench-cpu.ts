/**
 * `bench:node`'s CPU rows: the fused CPU engine and tfjs's wasm backend against jax-js's wasm
 * backend, teacher and student pair, in alternated rounds, with the median ratios of each.
 */
import { median } from './bench-print.ts';

/** Samples per second of each engine in one round (`pool`: the fused engine on every thread). */
export interface CpuRates {
  fused: number;
  pool: number;
  tfjsWasm: number;
  jax: number;
}

export interface CpuRound {
  teacher: CpuRates;
  students: CpuRates;
}

export interface CpuRatio {
  each: number[];
  median: number;
}

/**
 * The CNN teacher on the CPU: the fused engine's samples/s on one thread and on the pool (tfjs's
 * wasm kernels cannot train conv blocks, jax-js's peer trains dense networks only), and its
 * handover (the teacher's last step to its students' first) on the fused engine and on tfjs-wasm.
 */
export interface CpuCnn {
  teacher: { fused: number; pool: number };
  handover: { fusedMs: number; tfjsMs: number };
}

export interface CpuReport {
  /** Threads of the fused engine's pool; every other figure is on one thread. */
  threads: number;
  rounds: CpuRound[];
  cnn: CpuCnn;
  /**
   * Samples per second against jax-js's (the fused CPU engine's and tfjs-wasm's, one thread each)
   * and the pool's against the fused engine's own single thread.
   */
  ratios: Record<
    'teacher' | 'students',
    { fused: CpuRatio; tfjsWasm: CpuRatio; poolOverOne: CpuRatio }
  >;
}

export function cpuReport(threads: number, rounds: CpuRound[], cnn: CpuCnn): CpuReport {
  const ratio = (
    which: 'teacher' | 'students',
    engine: 'fused' | 'tfjsWasm' | 'pool',
    over: 'jax' | 'fused',
  ): CpuRatio => {
    const each = rounds.map((r) => r[which][engine] / r[which][over]);
    return { each, median: median(each) };
  };
  const both = (which: 'teacher' | 'students') => ({
    fused: ratio(which, 'fused', 'jax'),
    tfjsWasm: ratio(which, 'tfjsWasm', 'jax'),
    poolOverOne: ratio(which, 'pool', 'fused'),
  });
  const ratios = { teacher: both('teacher'), students: both('students') };
  return { threads, rounds, ratios, cnn };
}

export function printCpu(report: CpuReport): string {
  const { threads } = report;
  const lines = [
    `CPU path (samples/s, one thread each; pool: the fused engine on ${threads} threads): the fused CPU engine and tfjs-wasm against jax-js's wasm backend, alternated`,
    'round   teacher:  fused   pool  tfjs-wasm   jax-js  fused/jax   student pair:  fused   pool  tfjs-wasm   jax-js  fused/jax',
  ];
  const n = (x: number, w: number) => x.toFixed(0).padStart(w);
  const row = (r: CpuRates) =>
    `${n(r.fused, 15)} ${n(r.pool, 6)} ${n(r.tfjsWasm, 10)} ${n(r.jax, 8)} ${(r.fused / r.jax).toFixed(2).padStart(10)}`;
  report.rounds.forEach((r, i) => {
    lines.push(`${String(i + 1).padStart(5)} ${row(r.teacher)} ${row(r.students)}`);
  });
  const { teacher, students } = report.ratios;
  const two = (x: number) => x.toFixed(2);
  lines.push(
    `median / jax-js: teacher fused ${two(teacher.fused.median)}, tfjs-wasm ${two(teacher.tfjsWasm.median)}; student pair fused ${two(students.fused.median)}, tfjs-wasm ${two(students.tfjsWasm.median)}`,
    `median pool / one thread (${threads} threads): teacher ${two(teacher.poolOverOne.median)}, student pair ${two(students.poolOverOne.median)}`,
  );
  const { cnn } = report;
  const { fusedMs, tfjsMs } = cnn.handover;
  lines.push(
    `CNN teacher (conv8 3×3 → 64 → 10), fused CPU engine, one run: ${n(cnn.teacher.fused, 0)} samples/s on one thread, ${n(cnn.teacher.pool, 0)} on ${threads} (tfjs-wasm cannot train conv blocks)`,
    `its last step to its students' first: fused ${n(fusedMs, 0)} ms, tfjs-wasm ${n(tfjsMs, 0)} ms (${(tfjsMs / fusedMs).toFixed(1)}×)`,
  );
  return lines.join('\n');
}

/**
 * `bench:node`'s CPU rows: tfjs's wasm backend against jax-js's wasm backend, teacher and student
 * pair, in alternated rounds, with the median ratio of each. No fused CPU engine exists yet
 * (issue 35), so the rows have no `fused` entry.
 */
import { median } from './bench-print.ts';

export interface CpuRound {
  teacher: { tfjsWasm: number; jax: number };
  students: { tfjsWasm: number; jax: number };
}

export interface CpuRatio {
  each: number[];
  median: number;
}

export interface CpuReport {
  /** tfjs-wasm's threads (one in Node: no wasm threads there). */
  threads: number;
  rounds: CpuRound[];
  /** tfjs-wasm / jax-js, samples per second. */
  ratios: Record<'teacher' | 'students', CpuRatio>;
}

export function cpuReport(threads: number, rounds: CpuRound[]): CpuReport {
  const ratio = (which: 'teacher' | 'students'): CpuRatio => {
    const each = rounds.map((r) => r[which].tfjsWasm / r[which].jax);
    return { each, median: median(each) };
  };
  return { threads, rounds, ratios: { teacher: ratio('teacher'), students: ratio('students') } };
}

export function printCpu(report: CpuReport): string {
  const { threads } = report;
  const lines = [
    `CPU path (samples/s): tfjs-wasm on ${threads} thread${threads === 1 ? '' : 's'} against jax-js's wasm backend, alternated`,
    'round   teacher: tfjs-wasm   jax-js   ratio   student pair: tfjs-wasm   jax-js   ratio',
  ];
  const n = (x: number, w: number) => x.toFixed(0).padStart(w);
  report.rounds.forEach((r, i) => {
    lines.push(
      `${String(i + 1).padStart(5)} ${n(r.teacher.tfjsWasm, 20)} ${n(r.teacher.jax, 8)} ${(r.teacher.tfjsWasm / r.teacher.jax).toFixed(2).padStart(7)} ${n(r.students.tfjsWasm, 25)} ${n(r.students.jax, 8)} ${(r.students.tfjsWasm / r.students.jax).toFixed(2).padStart(7)}`,
    );
  });
  const { teacher, students } = report.ratios;
  lines.push(
    `median tfjs-wasm / jax-js: teacher ${teacher.median.toFixed(2)}, student pair ${students.median.toFixed(2)}`,
  );
  return lines.join('\n');
}

import { describe, expect, it } from 'vitest';
import { cpuReport, printCpu } from './bench-cpu';

describe("bench:node's CPU rows", () => {
  const rounds = [
    { teacher: { tfjsWasm: 3300, jax: 3450 }, students: { tfjsWasm: 9000, jax: 6000 } },
    { teacher: { tfjsWasm: 3400, jax: 4800 }, students: { tfjsWasm: 8000, jax: 8000 } },
    { teacher: { tfjsWasm: 3700, jax: 4400 }, students: { tfjsWasm: 7000, jax: 10000 } },
  ];
  it('gives each round’s ratio tfjs-wasm / jax-js and their median, per model', () => {
    const report = cpuReport(1, rounds);
    expect(report.ratios.teacher.each.map((r) => r.toFixed(2))).toEqual(['0.96', '0.71', '0.84']);
    expect(report.ratios.teacher.median).toBeCloseTo(3700 / 4400);
    expect(report.ratios.students.median).toBe(1);
    const text = printCpu(report);
    expect(text).toContain('1 thread against');
    expect(text).toContain('median tfjs-wasm / jax-js: teacher 0.84, student pair 1.00');
  });
});

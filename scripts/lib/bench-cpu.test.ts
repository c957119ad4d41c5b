import { describe, expect, it } from 'vitest';
import { cpuReport, printCpu } from './bench-cpu';

describe("bench:node's CPU rows", () => {
  const rounds = [
    {
      teacher: { fused: 4000, pool: 7000, tfjsWasm: 3300, jax: 3450 },
      students: { fused: 12000, pool: 18000, tfjsWasm: 9000, jax: 6000 },
    },
    {
      teacher: { fused: 5000, pool: 8500, tfjsWasm: 3400, jax: 4800 },
      students: { fused: 9000, pool: 9000, tfjsWasm: 8000, jax: 8000 },
    },
    {
      teacher: { fused: 4400, pool: 8000, tfjsWasm: 3700, jax: 4400 },
      students: { fused: 8000, pool: 12000, tfjsWasm: 7000, jax: 10000 },
    },
  ];
  const cnn = { teacher: { fused: 900, pool: 1500 }, handover: { fusedMs: 250, tfjsMs: 2000 } };
  it('gives each round’s ratio to jax-js and their median, per engine and model', () => {
    const report = cpuReport(2, rounds, cnn);
    const { teacher, students } = report.ratios;
    expect(teacher.tfjsWasm.each.map((r) => r.toFixed(2))).toEqual(['0.96', '0.71', '0.84']);
    expect(teacher.tfjsWasm.median).toBeCloseTo(3700 / 4400);
    expect(teacher.fused.each.map((r) => r.toFixed(2))).toEqual(['1.16', '1.04', '1.00']);
    expect(teacher.fused.median).toBeCloseTo(5000 / 4800);
    expect(students.tfjsWasm.median).toBe(1);
    expect(students.fused.median).toBeCloseTo(9000 / 8000);
    // The pool against the fused engine's own single thread: 1.75, 1.70, 1.82 → 1.75.
    expect(teacher.poolOverOne.median).toBeCloseTo(1.75);
    expect(students.poolOverOne.median).toBe(1.5);
    const text = printCpu(report);
    expect(text).toContain('pool: the fused engine on 2 threads');
    expect(text).toContain(
      'median / jax-js: teacher fused 1.04, tfjs-wasm 0.84; student pair fused 1.13, tfjs-wasm 1.00',
    );
    expect(text).toContain('median pool / one thread (2 threads): teacher 1.75, student pair 1.50');
    expect(text).toContain('fused CPU engine, one run: 900 samples/s on one thread, 1500 on 2');
    expect(text).toContain(
      "its last step to its students' first: fused 250 ms, tfjs-wasm 2000 ms (8.0×)",
    );
  });
});

/**
 * `bench:node`'s tables: the tuner's choices, the race of the engines, and the peer rounds with
 * the median ratio ours / jax-js, its spread and the budget's verdict.
 */
import { shapeKey } from '../../src/core/engine/fused/matmul-shapes.ts';
import type { TuneReport } from '../../src/core/engine/fused/tuning.ts';
import type { EngineRace } from '../../src/core/throughput.ts';

/** Ours / jax-js at least this, for the teacher and for the student pair (issue 25's budget). */
export const PEER_BUDGET = 1.0;

export interface PeerRound {
  race: EngineRace;
  /** jax-js's samples per second. */
  jax: { teacher: number; students: number };
}

export interface PeerRatio {
  /** Ours (fused) / jax-js in each round, in round order. */
  each: number[];
  median: number;
  min: number;
  max: number;
  pass: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Per network, the fused engine's samples/s over jax-js's in each round, and the verdict. */
export function peerRatios(
  rounds: readonly PeerRound[],
): Record<'teacher' | 'students', PeerRatio> {
  const ratio = (which: 'teacher' | 'students'): PeerRatio => {
    const each = rounds.map((r) => r.race[which].fused.samplesPerSecond / r.jax[which]);
    const m = median(each);
    return {
      each,
      median: m,
      min: Math.min(...each),
      max: Math.max(...each),
      pass: m >= PEER_BUDGET,
    };
  };
  return { teacher: ratio('teacher'), students: ratio('students') };
}

export function printTuning(report: TuneReport, cache: string): string {
  const lines = [
    `\nMatmul variants (tuned in ${(report.elapsedMs / 1000).toFixed(1)} s; choices kept in ${cache}):`,
    'shape                       chosen          ms by variant',
  ];
  for (const t of report.timings) {
    const times = Object.entries(t.ms)
      .map(([name, ms]) => `${name} ${(ms ?? 0).toFixed(2)}`)
      .join(' · ');
    const rejected = t.rejected.map((r) => `${r.variant} REJECTED (${r.gap.toExponential(1)})`);
    lines.push(
      `${shapeKey(t.shape).padEnd(27)} ${t.chosen.padEnd(15)} ${[times, ...rejected].join(' · ')}`,
    );
  }
  if (report.timings.length === 0) lines.push('(every shape was tuned in an earlier run)');
  for (const s of report.skipped) lines.push(`${shapeKey(s).padEnd(27)} (not reached: budget)`);
  return lines.join('\n');
}

export function printRace(r: EngineRace): void {
  console.log('step               engine   samples/s   ms/step  dispatches  submits   fused/tfjs');
  for (const [label, pair] of [
    ['teacher', r.teacher],
    ['distilled+scratch', r.students],
  ] as const) {
    for (const engine of ['tfjs', 'fused'] as const) {
      const t = pair[engine];
      const ratio =
        engine === 'fused'
          ? `${(t.samplesPerSecond / pair.tfjs.samplesPerSecond).toFixed(1)}×`
          : '';
      console.log(
        `${label.padEnd(18)} ${engine.padEnd(6)} ${t.samplesPerSecond.toFixed(0).padStart(11)} ${t.msPerStep.toFixed(1).padStart(9)} ${t.dispatchesPerStep.toFixed(1).padStart(11)} ${t.submitsPerStep.toFixed(2).padStart(8)}   ${ratio}`,
      );
    }
  }
}

/** Samples/s of each engine per round, then the ratio's median, spread and verdict. */
export function printPeerTable(
  rounds: readonly PeerRound[],
  ratios: Record<'teacher' | 'students', PeerRatio>,
): void {
  console.log('round  step               ours fused   tfjs-webgpu   jax-js   ours/jax-js');
  rounds.forEach((r, i) => {
    for (const which of ['teacher', 'students'] as const) {
      const label = which === 'teacher' ? 'teacher' : 'distilled+scratch';
      const fused = r.race[which].fused.samplesPerSecond;
      console.log(
        `${String(i + 1).padStart(5)}  ${label.padEnd(18)} ${fused.toFixed(0).padStart(10)} ${r.race[which].tfjs.samplesPerSecond.toFixed(0).padStart(13)} ${r.jax[which].toFixed(0).padStart(8)} ${(fused / r.jax[which]).toFixed(2).padStart(13)}`,
      );
    }
  });
  for (const which of ['teacher', 'students'] as const) {
    const q = ratios[which];
    console.log(
      `${which === 'teacher' ? 'teacher' : 'student pair'}: ours / jax-js median ${q.median.toFixed(2)} (range ${q.min.toFixed(2)}–${q.max.toFixed(2)}), budget ≥ ${PEER_BUDGET.toFixed(1)}: ${q.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  const r0 = rounds[0];
  if (r0) {
    console.log(
      `dispatches / submits a step, fused: teacher ${r0.race.teacher.fused.dispatchesPerStep.toFixed(0)} / ${r0.race.teacher.fused.submitsPerStep.toFixed(2)}, pair ${r0.race.students.fused.dispatchesPerStep.toFixed(0)} / ${r0.race.students.fused.submitsPerStep.toFixed(2)}`,
    );
  }
}

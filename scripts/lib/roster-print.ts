/** The command line's words for a run's students: one seed's table, a sweep's grid, seeds pooled. */
import type { RosterReport } from '../../src/core/engine/roster-report';
import { paramsText } from '../../src/core/methods';
import { formatP, signedPoints } from '../../src/core/significance/describe';
import { holmAdjust } from '../../src/core/significance/holm';
import {
  type MeanInterval,
  type PairedSeeds,
  meanInterval,
  pairedSeeds,
} from '../../src/core/significance/seeds';
import { fp32Bytes } from '../../src/core/size';
import { teacherCostSentence } from '../../src/core/cost/cost-text';
import type { SweepGrid } from './sweep-flag';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Each model's accuracy and size, then each student against its scratch twin. */
export function printRoster({ teacher, students, comparisons }: RosterReport, rows: string): void {
  const line = (name: string, what: string, accuracy: number, parameters: number) => {
    console.log(
      `${name.padEnd(16)} ${what.padEnd(30)} test ${pct(accuracy).padStart(7)}  ${parameters.toLocaleString('en-US').padStart(9)} parameters  ${fp32Bytes(parameters).toLocaleString('en-US').padStart(10)} bytes`,
    );
  };
  line('teacher', '', teacher.accuracy, teacher.parameters);
  for (const s of students) {
    const what = [s.kind, s.hidden, paramsText(s)].filter(Boolean).join(' ');
    line(s.name, what, s.accuracy, s.parameters);
  }
  // What the teacher cost against the first student that learns from it (or the first at all).
  const first = students.find((s) => s.kind !== 'scratch') ?? students[0];
  const cost = teacherCostSentence(
    teacher.training,
    first?.training && { name: `${first.name} student`, cost: first.training },
  );
  if (cost) console.log(cost);
  const holm = comparisons.length > 1;
  for (const c of comparisons) {
    const adjusted = holm ? `, Holm-adjusted ${formatP(c.pHolm)}` : '';
    console.log(
      `${c.distilled} − ${c.scratch}: ${signedPoints(c.difference)} points (95 % CI ${signedPoints(c.low)} to ${signedPoints(c.high)}) on ${c.n} ${rows}, McNemar ${formatP(c.p)}${adjusted}`,
    );
  }
  if (holm) {
    console.log(
      `${comparisons.length} comparisons: p-values Holm-adjusted, so any one below 0.05 holds with the others tested too.`,
    );
  }
}

/** The sweep's grid: each cell's test accuracy and its gain over the scratch student. */
export function printSweep({ temperatures, alphas }: SweepGrid, roster: RosterReport): void {
  const gainOf = (name: string) => roster.comparisons.find((c) => c.distilled === name);
  console.log(`\nT × α grid: test accuracy (gain over scratch, * Holm-adjusted p < 0.05)`);
  console.log(['T \\ α'.padEnd(7), ...alphas.map((a) => String(a).padStart(18))].join(''));
  for (const t of temperatures) {
    const cells = alphas.map((a) => {
      const name = `T ${t} α ${a}`;
      const student = roster.students.find((s) => s.name === name);
      const gain = gainOf(name);
      if (!student || !gain) return '—'.padStart(18);
      const star = gain.pHolm < 0.05 ? '*' : ' ';
      return `${pct(student.accuracy)} (${signedPoints(gain.difference)})${star}`.padStart(18);
    });
    console.log([String(t).padEnd(7), ...cells].join(''));
  }
}

export interface RosterAcrossSeeds {
  seeds: number;
  teacher: MeanInterval;
  students: { name: string; accuracy: MeanInterval }[];
  /** Each KD student minus its scratch twin, paired by seed; t-test p Holm-adjusted across them. */
  comparisons: { distilled: string; scratch: string; gain: PairedSeeds; pHolm: number }[];
}

/** The seeds pooled: each model's mean with its interval, each comparison's paired gain. */
export function rosterAcrossSeeds(reports: readonly RosterReport[]): RosterAcrossSeeds {
  const first = reports[0];
  if (!first) throw new Error('No seed has finished.');
  const accuracyOf = (name: string) =>
    reports.map((r) => r.students.find((s) => s.name === name)?.accuracy ?? Number.NaN);
  const gains = first.comparisons.map(({ distilled, scratch }) => ({
    distilled,
    scratch,
    gain: pairedSeeds(accuracyOf(distilled), accuracyOf(scratch)),
  }));
  const adjusted = holmAdjust(gains.map((g) => g.gain.p));
  return {
    seeds: reports.length,
    teacher: meanInterval(reports.map((r) => r.teacher.accuracy)),
    students: first.students.map(({ name }) => ({
      name,
      accuracy: meanInterval(accuracyOf(name)),
    })),
    comparisons: gains.map((g, i) => ({ ...g, pHolm: adjusted[i] ?? 1 })),
  };
}

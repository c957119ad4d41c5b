/**
 * The exported PyTorch experiment held against the run it came from: both sides' final accuracies
 * and the largest gap in per-step training loss over the first steps. Pure: the command
 * (scripts/compare-pytorch.ts) and the test (scripts/pytorch-export.test.ts) run the script.
 */
import type { PlaygroundSide } from './pytorch-emit';

/** What train.py prints (the keys shared with the playground's command line, and its steps). */
export interface PytorchSide extends PlaygroundSide {
  world: number;
  device: string;
  torch: string;
  seconds: number;
}

/**
 * Per-step losses within this relative gap (relative to at least LOSS_FLOOR, so a loss near 0
 * is held to 1e-5 absolute); final accuracies within this many points.
 */
export const LOSS_TOLERANCE = 1e-3;
const LOSS_FLOOR = 1e-2;
export const ACCURACY_POINTS = 1;

export interface ModelGap {
  name: string;
  playground: number;
  pytorch: number;
  /** Largest |pytorch − playground| / max(|playground|, 0.01) over the steps both logged. */
  lossGap: number;
  steps: number;
}

/** Each model's accuracies and its largest relative per-step loss gap. */
export function compareSides(run: PlaygroundSide, torch: PytorchSide): ModelGap[] {
  const gap = (a: readonly number[], b: readonly number[]) => {
    const n = Math.min(a.length, b.length);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const [p, q] = [a[i] as number, b[i] as number];
      worst = Math.max(worst, Math.abs(q - p) / Math.max(Math.abs(p), LOSS_FLOOR));
    }
    return { worst, n };
  };
  const teacher = gap(run.steps.teacher, torch.steps.teacher);
  return [
    {
      name: 'Teacher',
      playground: run.teacher.testAccuracy,
      pytorch: torch.teacher.testAccuracy,
      lossGap: teacher.worst,
      steps: teacher.n,
    },
    ...run.students.map((s, i) => {
      const g = gap(run.steps.students[i] ?? [], torch.steps.students[i] ?? []);
      return {
        name: s.name,
        playground: s.testAccuracy,
        pytorch: torch.students[i]?.testAccuracy ?? Number.NaN,
        lossGap: g.worst,
        steps: g.n,
      };
    }),
  ];
}

/**
 * Why the two sides are not the same experiment, or null. `stepwise` false (a run with dropout,
 * whose masks each side draws from its own generator): the final accuracies only.
 */
export function mismatch(gaps: readonly ModelGap[], stepwise: boolean): string | null {
  for (const g of gaps) {
    const points = Math.abs(g.pytorch - g.playground) * 100;
    if (!(points <= ACCURACY_POINTS)) {
      return `${g.name}: test accuracy ${pct(g.playground)} here, ${pct(g.pytorch)} in PyTorch (more than ${ACCURACY_POINTS} point apart).`;
    }
    if (stepwise && !(g.lossGap <= LOSS_TOLERANCE)) {
      return `${g.name}: a step's loss differs by ${g.lossGap.toExponential(1)} (relative; the limit is ${LOSS_TOLERANCE}).`;
    }
  }
  return null;
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

/** The side-by-side table. */
export function comparisonTable(gaps: readonly ModelGap[], stepwise: boolean): string {
  const head = `${'model'.padEnd(16)}${'playground'.padStart(12)}${'PyTorch'.padStart(12)}   largest per-step loss gap`;
  const rows = gaps.map(
    (g) =>
      `${g.name.padEnd(16)}${pct(g.playground).padStart(12)}${pct(g.pytorch).padStart(12)}   ${g.lossGap.toExponential(1)} over ${g.steps} steps`,
  );
  const note = stepwise
    ? `Same experiment when every loss gap is within ${LOSS_TOLERANCE} and every accuracy within ${ACCURACY_POINTS} point.`
    : `The run has dropout: each side draws its own masks, so only the accuracies (within ${ACCURACY_POINTS} point) are compared.`;
  return [head, ...rows, note].join('\n');
}

/** train.py's JSON from its stdout (torchrun's --tee prefixes each line with its rank). */
export function pytorchJson(stdout: string): PytorchSide {
  const line = stdout
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*\]:/, ''))
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error('train.py printed no JSON.');
  return JSON.parse(line) as PytorchSide;
}

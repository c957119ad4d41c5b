/**
 * --emit-pytorch: the first seed's run written as a PyTorch experiment before it trains
 * (src/core/pytorch/export.ts), and, once trained, what this run measured beside it
 * (playground.json: each model's loss at its first steps and its test accuracy), which
 * `npm run compare-pytorch -- DIR` holds the script's output against.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Experiment, ModelRef } from '../../src/core/engine/experiment';
import type { RosterReport } from '../../src/core/engine/roster-report';
import { exportPytorch } from '../../src/core/pytorch/export';

/** Steps whose losses are kept: the comparison's window. */
export const COMPARED_STEPS = 100;

const TRAIN_PY = join(import.meta.dirname, '..', '..', 'src', 'core', 'pytorch', 'train.py');

/** What playground.json holds: the run's side of the comparison. */
export interface PlaygroundSide {
  backend: string;
  teacher: { testAccuracy: number };
  students: { name: string; testAccuracy: number; agreement?: number }[];
  steps: { teacher: number[]; students: number[][] };
  /** The run's paired comparisons on its test rows (the JSON's `comparisons`). */
  comparisons: { distilled: string; scratch: string; difference: number; pHolm: number }[];
}

export async function startPytorchExport(exp: Experiment, dir: string, backend: string) {
  const files = await exportPytorch(exp, readFileSync(TRAIN_PY, 'utf8'));
  mkdirSync(dir, { recursive: true });
  const entries = Object.entries(files) as [string, string | Uint8Array][];
  for (const [name, content] of entries) writeFileSync(join(dir, name), content);
  const teacher: number[] = [];
  const students: number[][] = exp.students.map(() => []);
  return {
    onStepLoss(model: ModelRef, loss: number) {
      const losses = model === 'teacher' ? teacher : students[model];
      if (losses && losses.length < COMPARED_STEPS) losses.push(loss);
    },
    finish(roster: RosterReport) {
      const side: PlaygroundSide = {
        backend,
        teacher: { testAccuracy: roster.teacher.accuracy },
        students: roster.students.map((s) => ({
          name: s.name,
          testAccuracy: s.accuracy,
          ...(s.agreement === undefined ? {} : { agreement: s.agreement }),
        })),
        steps: { teacher, students },
        comparisons: roster.comparisons.map(({ distilled, scratch, difference, pHolm }) => ({
          distilled,
          scratch,
          difference,
          pHolm,
        })),
      };
      writeFileSync(join(dir, 'playground.json'), `${JSON.stringify(side, null, 2)}\n`);
      console.error(`wrote the PyTorch experiment to ${dir} (npm run compare-pytorch -- ${dir})`);
    },
  };
}

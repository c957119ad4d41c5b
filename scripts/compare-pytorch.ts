/**
 * `npm run compare-pytorch -- DIR [--torchrun N]`: runs the PyTorch experiment that
 * `npm run experiment -- … --emit-pytorch DIR` wrote (on the CPU; with --torchrun, over N
 * processes), and prints both sides' final accuracies and the largest per-step loss gap. Exits 1
 * when they are not the same experiment, or when there is no PyTorch (saying how to install it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaygroundSide } from './lib/pytorch-emit';
import { comparisonTable, compareSides, mismatch, pytorchJson } from './lib/pytorch-compare';
import { INSTALL_TORCH, findTorchPython, torchrunArgs } from './lib/python';

const USAGE = 'Usage: npm run compare-pytorch -- DIR [--torchrun N]';

function main(argv: string[]): number {
  const [dir, flag, count] = argv;
  const processes = flag === '--torchrun' ? Number(count) : 1;
  if (
    !dir ||
    (flag !== undefined &&
      !(flag === '--torchrun' && Number.isInteger(processes) && processes >= 1))
  ) {
    console.error(USAGE);
    return 2;
  }
  const python = findTorchPython();
  if (!python) {
    console.error(INSTALL_TORCH);
    return 1;
  }
  const [command, args] =
    processes > 1 ? torchrunArgs(python, processes) : [python, [] as string[]];
  const run = spawnSync(command, [...args, 'train.py', '--device', 'cpu'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) {
    console.error(`train.py failed (exit ${String(run.status)}).`);
    return 1;
  }
  const torch = pytorchJson(run.stdout);
  const playground = JSON.parse(
    readFileSync(join(dir, 'playground.json'), 'utf8'),
  ) as PlaygroundSide;
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
    config: { teacherHidden: { dropout?: number }[]; studentHidden: { dropout?: number }[] };
    export: { students: { hidden: { dropout?: number }[] }[] };
  };
  const stepwise = ![
    config.config.teacherHidden,
    ...config.export.students.map((s) => s.hidden),
  ].some((layers) => layers.some((l) => (l.dropout ?? 0) > 0));
  const gaps = compareSides(playground, torch);
  console.log(
    `playground (${playground.backend}) against PyTorch ${torch.torch} on ${torch.device}, ${torch.world} process${torch.world === 1 ? '' : 'es'}, ${torch.seconds} s`,
  );
  console.log(comparisonTable(gaps, stepwise));
  const problem = mismatch(gaps, stepwise);
  if (problem) console.error(problem);
  return problem ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

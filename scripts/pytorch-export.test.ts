/**
 * The PyTorch export end to end: three runs written by `npm run experiment -- --emit-pytorch`, each
 * `train.py` run with PyTorch on the CPU, held to the run it came from — every model's loss at each
 * of its first 100 steps within 1e-3 relative and its final test accuracy within a point — and one
 * run again over two processes with torchrun (gloo). None of the runs has dropout, so the two sides
 * must match step by step. Without PyTorch the test fails with how to install it; it never skips.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layersModelFiles } from '../src/test-support/model-files';
import type { PlaygroundSide } from './lib/pytorch-emit';
import { COMPARED_STEPS } from './lib/pytorch-emit';
import { compareSides, mismatch, pytorchJson, type PytorchSide } from './lib/pytorch-compare';
import { INSTALL_TORCH, findTorchPython, torchrunArgs } from './lib/python';

const run = promisify(execFile);
let python = '';

beforeAll(() => {
  const found = findTorchPython();
  if (!found) throw new Error(INSTALL_TORCH);
  python = found;
});

/** Trains the run with `flags` on the CPU backend, writing its export to a new folder. */
async function emit(flags: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'distill-pytorch-'));
  await run(
    'node_modules/.bin/tsx',
    ['scripts/experiment.ts', ...flags, '--backend', 'cpu', '--emit-pytorch', dir],
    {
      maxBuffer: 1 << 24,
    },
  );
  return dir;
}

async function train(dir: string, processes = 1): Promise<PytorchSide> {
  const [command, args] = processes > 1 ? torchrunArgs(python, processes) : [python, []];
  const { stdout } = await run(command, [...args, 'train.py', '--device', 'cpu'], {
    cwd: dir,
    maxBuffer: 1 << 24,
  });
  return pytorchJson(stdout);
}

const playground = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'playground.json'), 'utf8')) as PlaygroundSide;

/** Enough rows and small enough batches for 100 steps of every model. */
const STEPS = [
  '--batch-size',
  '16',
  '--learning-rate',
  '0.003',
  '--teacher-epochs',
  '3',
  '--student-epochs',
  '3',
];

const RUNS: [string, string[]][] = [
  [
    'Moons, KD and scratch',
    ['--dataset', 'moons', '--samples', '1000', '--teacher-epochs', '4', '--student-epochs', '4'],
  ],
  [
    'MNIST (600 rows), every method, a conv teacher, schedules that change mid-run',
    [
      '--dataset',
      'mnist',
      '--rows',
      '600',
      ...STEPS,
      '--teacher',
      'c4x3,32',
      '--student',
      '16',
      '--students',
      'kd,dkd:beta=8:warmup=2,ls:eps=0.1,hint:gamma=1,scratch',
      '--schedule',
      '0:4:0.7:0.003,40:8:0.5:0.002',
      '--teacher-schedule',
      '0:0.003,50:0.001',
    ],
  ],
  [
    'Fashion-MNIST (600 rows) with hints',
    [
      '--dataset',
      'fashion-mnist',
      '--rows',
      '600',
      ...STEPS,
      '--teacher',
      '64,32',
      '--student',
      '16',
      '--students',
      'hint:gamma=2,kd,scratch',
    ],
  ],
];

describe('a run exported as a PyTorch experiment', () => {
  const dirs = new Map<string, string>();
  const singles = new Map<string, PytorchSide>();

  it.each(RUNS)(
    '%s: the same losses step by step and the same accuracies',
    async (name, flags) => {
      const dir = await emit(flags);
      dirs.set(name, dir);
      const torch = await train(dir);
      singles.set(name, torch);
      const run = playground(dir);
      const gaps = compareSides(run, torch);
      for (const g of gaps) expect(g.steps, g.name).toBe(COMPARED_STEPS);
      expect(mismatch(gaps, true)).toBeNull();
      // The same paired comparisons, in the same order, to the same differences.
      const pairs = (side: PlaygroundSide) =>
        side.comparisons.map((c) => `${c.distilled} − ${c.scratch}`);
      expect(pairs(torch)).toEqual(pairs(run));
      torch.comparisons.forEach((c, i) => {
        const theirs = run.comparisons[i]?.difference ?? Number.NaN;
        expect(Math.abs(c.difference - theirs)).toBeLessThanOrEqual(0.01);
      });
    },
    180_000,
  );

  it('stands an imported teacher in by its logits: the students still match step by step', async () => {
    // A tfjs model from outside the playground, as a person would bring one.
    await tf.setBackend('cpu');
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 16, activation: 'tanh' }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const x = tf.randomUniform([64, 2], -1, 1, 'float32', 3);
    const y = tf.oneHot(tf.cast(tf.greater(x.sum(1), 0), 'int32'), 2);
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    await model.fit(x, y, { epochs: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'distill-teacher-'));
    for (const f of await layersModelFiles(model, 'teacher'))
      writeFileSync(join(dir, f.name), f.bytes);
    tf.dispose([x, y]);
    model.dispose();
    const out = await emit([
      '--dataset',
      'moons',
      '--samples',
      '1000',
      '--student-epochs',
      '4',
      '--teacher-model',
      join(dir, 'teacher.json'),
    ]);
    const gaps = compareSides(playground(out), await train(out));
    expect(gaps.map((g) => g.steps)).toEqual([0, COMPARED_STEPS, COMPARED_STEPS]);
    expect(mismatch(gaps, true)).toBeNull();
  }, 180_000);

  it('trains the same experiment over two processes with torchrun', async () => {
    const name = RUNS[1]?.[0] ?? '';
    const dir = dirs.get(name);
    const single = singles.get(name);
    if (!dir || !single) throw new Error('The MNIST export did not run.');
    const two = await train(dir, 2);
    expect(two.world).toBe(2);
    const accuracies = (side: PytorchSide) => [
      side.teacher.testAccuracy,
      ...side.students.map((s) => s.testAccuracy),
    ];
    accuracies(two).forEach((a, i) => {
      expect(Math.abs(a - (accuracies(single)[i] ?? Number.NaN))).toBeLessThanOrEqual(0.02);
    });
  }, 180_000);
});

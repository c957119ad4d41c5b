/**
 * A list of students on the fused path (WebGPU in Node, Dawn): each student of a run is the same
 * student trained alone, to float32 rounding (no cross-talk between students in one submit), and
 * a 4 × 4 sweep's students land within a point of the tfjs engine's.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { trainStudents } from '../../../test-support/train-students';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../../config';
import { generateSynthetic } from '../../data/synthetic';
import { dense } from '../../layers';
import { type StudentSpec } from '../../students';
import { parseStudents } from '../../student-text';
import { Experiment } from '../experiment';
import { FusedSteps } from './fused-steps';
import { countGpuCalls } from '../bench/engine-race';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const base: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('moons'),
  dataset: 'moons',
  samples: 1000,
  noise: 0.2,
  teacherHidden: [dense(16, 'relu')],
  studentHidden: [dense(4, 'gelu')],
  teacherEpochs: 3,
  studentEpochs: 4,
  labeledFraction: 0.2,
  learningRate: 0.01,
  batchSize: 32,
  seed: 5,
};

function list(text: string): StudentSpec[] {
  const parsed = parseStudents(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.students;
}

/** Trains `students` on `base` with `changes`, fused or on tfjs (test-support/train-students). */
const train = (students: StudentSpec[], fused: boolean, changes: Partial<ExperimentConfig> = {}) =>
  trainStudents({ ...base, ...changes, students, dataset: 'moons' }, fused ? device : null);

function expectClose(a: Float32Array, b: Float32Array, relative: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(1e-3, Math.abs(b[i] ?? 0));
    worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)) / scale);
  }
  expect(worst).toBeLessThanOrEqual(relative);
}

describe('students on the fused path', () => {
  it('trains each student of a list as it would train alone', async () => {
    // Equality, not accuracy: a short run is enough.
    const short = { samples: 400, teacherEpochs: 1, studentEpochs: 2 };
    const together = await train(
      list('kd:name=A,kd:name=B:T=8:alpha=0.9,scratch:name=C'),
      true,
      short,
    );
    const alone = [
      (await train(list('kd:name=A'), true, short))[0],
      (await train(list('kd:name=B:T=8:alpha=0.9'), true, short))[0],
      // Alone, a scratch student's epoch would be a pass over the labelled rows only: beside a
      // KD student on the transfer set it takes the run's steps, as in the list.
      (await train(list('kd:name=X,scratch:name=C'), true, short))[1],
    ];
    for (const [i, one] of alone.entries()) {
      if (!one || !together[i]) throw new Error('a student is missing');
      expectClose(together[i].weights, one.weights, 1e-4);
    }
  });

  it('trains k students of one network in the dispatches of one: 7 a step for 2 → 4 → 2', async () => {
    const dispatchesOf = async (students: StudentSpec[]) => {
      const exp = new Experiment(generateSynthetic('moons', 1000, 0.2, 5), { ...base, students });
      const steps = await FusedSteps.create(exp, device);
      try {
        await steps.finishTeacher();
        const counts = countGpuCalls();
        const settings = students.map(() => ({ temperature: 4, alpha: 0.7, learningRate: 0.01 }));
        await steps.metrics(0).take();
        const before = counts.dispatches;
        for (let s = 0; s < 3; s++) steps.studentStep(s, settings);
        await steps.metrics(0).take();
        return (counts.dispatches - before) / 3;
      } finally {
        steps.dispose();
        exp.dispose();
      }
    };
    expect(await dispatchesOf(list('kd'))).toBe(7);
    expect(await dispatchesOf(list('kd,scratch,kd:T=8,kd:alpha=0.2'))).toBe(7);
    // Another network is another group: its own 7.
    expect(await dispatchesOf(list('kd,scratch,scratch:hidden=6'))).toBe(14);
  });

  it('lands a 4 × 4 sweep within a point of the tfjs engine, student by student', async () => {
    const cells = [1, 2, 4, 8].flatMap((t) =>
      [0.25, 0.5, 0.75, 1].map((a) => `kd:name=T${t}a${a}:T=${t}:alpha=${a}`),
    );
    const students = list([...cells, 'scratch'].join(','));
    const fused = await train(students, true);
    const tfjs = await train(students, false);
    for (const [i, s] of students.entries()) {
      const gap = (fused[i]?.accuracy ?? 0) - (tfjs[i]?.accuracy ?? 1);
      expect(
        Math.abs(gap),
        `${s.name}: ${fused[i]?.accuracy} vs ${tfjs[i]?.accuracy}`,
      ).toBeLessThanOrEqual(0.01);
    }
  });
});

/**
 * The driver with a list of students on Moons (tfjs engine, CPU): students of one shape start from
 * the same weights and see the same batches, a KD student at α = 0 without the transfer set is the
 * scratch student bit for bit, a KD student's own T and α hold over the run's schedule, and the
 * run's T and α move only the sliders' student.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../../test-support/tiny-moons';
import type { ExperimentConfig } from '../config';
import { generateSynthetic } from '../data/synthetic';
import { denseStack, formatLayers } from '../layers';
import { parseStudents } from '../student-text';
import { replay, studentSettings } from './driver';
import type { ModelEpoch } from './epoch-reader';
import { Experiment } from './experiment';
import { trainToEnd } from './headless';
import { rosterReport } from './roster-report';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base: ExperimentConfig = { ...TINY_MOONS, labeledFraction: 0.3, seed: 11 };

function students(text: string) {
  const parsed = parseStudents(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.students;
}

const experiment = (c: ExperimentConfig) =>
  new Experiment(generateSynthetic('moons', c.samples, c.noise, c.seed), c);

const weights = (e: Experiment, i: number) =>
  Promise.all(
    e.studentAt(i).trainer.model.weights.flatMap((l) => [l.kernel.data(), l.bias.data()]),
  );

describe('the driver with four students', () => {
  const config = { ...base, students: students('kd,scratch,kd:T=8:alpha=0.9,scratch:hidden=6') };

  it('starts same-shape students from identical weights and trains every one each step', async () => {
    const exp = experiment(config);
    try {
      const first = await weights(exp, 0);
      expect(await weights(exp, 1)).toEqual(first);
      expect(await weights(exp, 2)).toEqual(first);
      expect(exp.studentAt(3).hidden).toEqual(denseStack([6]));
      const epochs: ModelEpoch[] = [];
      await trainToEnd(exp, { onEpoch: (e) => epochs.push(e) });
      const studentEpochs = epochs.filter((e) => e.model !== 'teacher');
      expect(studentEpochs.map((e) => `${e.model}:${e.epoch}`)).toEqual(
        [1, 2, 3].flatMap((epoch) => [0, 1, 2, 3].map((i) => `${i}:${epoch}`)),
      );
      // Trained apart: the KD students at different T and α end with different weights.
      expect(await weights(exp, 2)).not.toEqual(await weights(exp, 0));
      const report = await rosterReport(exp);
      expect(report.students.map((s) => [s.name, s.kind, s.hidden, s.parameters])).toEqual([
        ['KD 1', 'kd', '3', 2 * 3 + 3 + 3 * 2 + 2],
        ['Scratch 2', 'scratch', '3', 17],
        ['KD 3', 'kd', '3', 17],
        ['Scratch 4', 'scratch', '6', 2 * 6 + 6 + 6 * 2 + 2],
      ]);
      // Both KD students compare with the scratch student of their shape; Holm over two.
      expect(report.comparisons.map((c) => [c.distilled, c.scratch])).toEqual([
        ['KD 1', 'Scratch 2'],
        ['KD 3', 'Scratch 2'],
      ]);
      for (const c of report.comparisons) expect(c.pHolm).toBeGreaterThanOrEqual(c.p);
    } finally {
      exp.dispose();
    }
  });

  it('compares a born-again student with its teacher, and teacher-taught students with label smoothing', async () => {
    const teacher = formatLayers(base.teacherHidden).replaceAll(', ', '-');
    const list = students(
      `kd:name=Born:hidden=${teacher},ls:name=Smooth:hidden=${teacher},scratch:name=Copy:hidden=${teacher}`,
    );
    const exp = experiment({ ...base, students: list });
    try {
      await trainToEnd(exp);
      const report = await rosterReport(exp);
      expect(report.comparisons.map((c) => [c.distilled, c.scratch, c.scratchIndex])).toEqual([
        ['Born', 'Copy', 2],
        ['Smooth', 'Copy', 2],
        ['Born', 'Smooth', 1],
        ['Born', 'Teacher', 'teacher'],
      ]);
      for (const c of report.comparisons) expect(c.pHolm).toBeGreaterThanOrEqual(c.p);
    } finally {
      exp.dispose();
    }
  });

  it('makes a KD student at α = 0 without the transfer set the scratch student, weight for weight', async () => {
    const c = { ...base, transferSet: false, students: students('kd:alpha=0,scratch') };
    const exp = experiment(c);
    try {
      await trainToEnd(exp);
      expect(await weights(exp, 0)).toEqual(await weights(exp, 1));
    } finally {
      exp.dispose();
    }
  });

  it("holds a KD student's own T and α over the run's schedule; the learning rate is the run's", () => {
    const lr = base.learningRate;
    const run = replay({
      ...base,
      temperature: 2,
      alpha: 0.1,
      schedule: [
        { step: 0, temperature: 4, alpha: 0.7, learningRate: lr },
        { step: 5, temperature: 2, alpha: 0.1, learningRate: lr / 2 },
      ],
    });
    expect(run(4)).toEqual({ temperature: 4, alpha: 0.7, learningRate: lr });
    expect(run(5)).toEqual({ temperature: 2, alpha: 0.1, learningRate: lr / 2 });
    const list = students('kd:T=8:alpha=0.9,kd:name=Free,kd:name=Chosen,scratch');
    const config = { ...base, temperature: 2, alpha: 0.1, students: list, sliders: 'Chosen' };
    // Own values hold; the sliders' student follows the run; the other free KD student holds the
    // run's starting T and α; every student takes the run's learning rate.
    expect(studentSettings(config, run(5))).toEqual([
      { temperature: 8, alpha: 0.9, learningRate: lr / 2 },
      { temperature: 2, alpha: 0.1, learningRate: lr / 2 },
      { temperature: 2, alpha: 0.1, learningRate: lr / 2 },
      { temperature: 2, alpha: 0.1, learningRate: lr / 2 },
    ]);
    const moved = { temperature: 16, alpha: 0.5, learningRate: lr };
    expect(studentSettings(config, moved).map((s) => s.temperature)).toEqual([8, 2, 16, 2]);
    // Unnamed, the sliders act on the first KD student without both of its own values.
    const first = studentSettings({ ...config, sliders: undefined }, moved);
    expect(first.map((s) => s.temperature)).toEqual([8, 16, 2, 2]);
  });

  it("moves the sliders' student's method parameter by the schedule, and no other student's", async () => {
    const list = students('ls:name=LS:eps=0.1,ls:name=Held:eps=0.1,scratch');
    const plain = { ...base, students: list, sliders: 'LS' };
    const { temperature, alpha, learningRate } = base;
    const schedule = [
      { step: 0, temperature, alpha, learningRate, param: 0.1 },
      { step: 2, temperature, alpha, learningRate, param: 0.6 },
    ];
    const trained = async (config: ExperimentConfig) => {
      const exp = experiment(config);
      try {
        await trainToEnd(exp);
        return await Promise.all([0, 1].map((i) => weights(exp, i)));
      } finally {
        exp.dispose();
      }
    };
    const [still, moved] = [await trained(plain), await trained({ ...plain, schedule })];
    // Same weights, batches and ε: the two label-smoothing students are one without a change.
    expect(still[1]).toEqual(still[0]);
    expect(moved[1]).toEqual(still[1]);
    expect(moved[0]).not.toEqual(still[0]);
  });
});

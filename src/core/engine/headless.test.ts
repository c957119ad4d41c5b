import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../../test-support/tiny-moons';
import type { ExperimentConfig } from '../config';
import { generateSynthetic } from '../data/synthetic';
import { Experiment } from './experiment';
import type { ModelEpoch } from './epoch-reader';
import { trainToReport } from './headless';
import { rowsSeen } from '../cost/training';

const config: ExperimentConfig = TINY_MOONS;

async function run(seed: number) {
  const c = { ...config, seed };
  const exp = new Experiment(generateSynthetic('moons', c.samples, c.noise, seed), c);
  const epochs: ModelEpoch[] = [];
  try {
    const final = await trainToReport(exp, { onEpoch: (r) => epochs.push(r) });
    return { final, epochs };
  } finally {
    exp.dispose();
  }
}

describe('trainToReport', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reports every epoch of every model, then final metrics with sizes', async () => {
    const before = tf.memory().numTensors;
    const { final, epochs } = await run(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs.map((e) => `${e.model}${e.epoch}`)).toEqual([
      'teacher1',
      'teacher2',
      '01',
      '11',
      '02',
      '12',
      '03',
      '13',
    ]);
    const { models } = final;
    expect(models.teacher.parameters).toBe(2 * 8 + 8 + 8 * 2 + 2);
    expect(models.distilled.parameters).toBe(2 * 3 + 3 + 3 * 2 + 2);
    expect(models.teacher.agreement).toBeUndefined();
    expect(models.scratch.agreement).toBeGreaterThan(0);
    const last = epochs.at(-1);
    expect(last?.accuracy).toBe(models.scratch.accuracy);
  });

  it('reports what training each model cost: its steps, the rows it saw, its time and arithmetic', async () => {
    const c = { ...config, seed: 2 };
    const exp = new Experiment(generateSynthetic('moons', c.samples, c.noise, 2), c);
    try {
      const { models } = await trainToReport(exp);
      const rows = exp.teacherPlan.rows.length;
      const teacher = models.teacher.training;
      expect(teacher?.steps).toBe(c.teacherEpochs * exp.teacherPlan.stepsPerEpoch);
      expect(teacher?.samples).toBe(c.teacherEpochs * rows);
      expect(teacher?.seconds).toBeGreaterThan(0);
      // 2-8-2: 16 + 16 forward, as many weight gradients, 16 input gradients of the second layer.
      expect(teacher?.flops).toBe(2 * 80 * c.teacherEpochs * rows);
      const steps = c.studentEpochs * exp.studentStepsPerEpoch;
      const scratch = exp.studentAt(exp.roleIndex('scratch')).plan.rows.length;
      expect(models.scratch.training?.steps).toBe(steps);
      expect(models.scratch.training?.samples).toBe(rowsSeen(scratch, c.batchSize, steps));
      expect(models.distilled.training?.seconds).toBe(models.scratch.training?.seconds);
    } finally {
      exp.dispose();
    }
  });

  it('compares the students row by row, consistently with their accuracies', async () => {
    const { final } = await run(3);
    const { models, students } = final;
    const { n, onlyFirst, onlySecond } = students.accuracy;
    expect(n).toBe(40);
    expect((onlyFirst - onlySecond) / n).toBeCloseTo(
      models.distilled.accuracy - models.scratch.accuracy,
      12,
    );
    const agreement = students.agreement;
    expect(agreement).toBeDefined();
    if (!agreement) return;
    expect((agreement.onlyFirst - agreement.onlySecond) / n).toBeCloseTo(
      (models.distilled.agreement ?? NaN) - (models.scratch.agreement ?? NaN),
      12,
    );
  });

  it('gives both students the same predictions when alpha is 0 and the transfer set is off', async () => {
    const c = { ...config, alpha: 0, transferSet: false, seed: 9 };
    const exp = new Experiment(generateSynthetic('moons', c.samples, c.noise, 9), c);
    try {
      const { students } = await trainToReport(exp);
      expect(students.accuracy).toEqual({ n: 40, onlyFirst: 0, onlySecond: 0 });
    } finally {
      exp.dispose();
    }
  });

  it('gives identical numbers for the same seed and different ones for another', async () => {
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(b).toEqual(a);
    expect(c.epochs.map((e) => e.trainLoss)).not.toEqual(a.epochs.map((e) => e.trainLoss));
  });
});

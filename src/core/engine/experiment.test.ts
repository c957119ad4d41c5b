import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config';
import { generateSynthetic } from '../data/synthetic';
import { denseStack } from '../layers';
import { Experiment } from './experiment';
import { modelParameters } from './network';
import { disposeStepMetrics } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'moons',
  samples: 200,
  noise: 0.1,
  teacherHidden: denseStack([16, 16], 0.2),
  studentHidden: denseStack([4]),
  batchSize: 16,
  labeledFraction: 1,
  transferSet: false,
  seed: 7,
};

const lr = tiny.learningRate;
/** Both students' settings at a step: the distilled one's T and α (scratch ignores them). */
const both = (temperature: number, alpha: number) =>
  [0, 1].map(() => ({ temperature, alpha, learningRate: lr }));
const settings = both(4, 0.5);

async function weightsOf(e: Experiment, which: 'distilled' | 'scratch' | 'teacher') {
  return Promise.all(e[which].model.weights.flatMap((l) => [l.kernel.data(), l.bias.data()]));
}

function makeExperiment(config: ExperimentConfig): Experiment {
  return new Experiment(
    generateSynthetic('moons', config.samples, config.noise, config.seed),
    config,
  );
}

describe('Experiment lockstep', () => {
  it('starts both students from the same weights and feeds them the same batches', async () => {
    const e = makeExperiment(tiny);
    expect(await weightsOf(e, 'scratch')).toEqual(await weightsOf(e, 'distilled'));
    for (let step = 0; step < 25; step++) {
      expect(Array.from(e.studentAt(1).plan.batch(step))).toEqual(
        Array.from(e.studentAt(0).plan.batch(step)),
      );
    }
    expect(modelParameters(e.distilled.model)).toBe(2 * 4 + 4 + 4 * 2 + 2);
    e.dispose();
  });

  it('with alpha = 0 the distilled student is bit-for-bit the scratch student', async () => {
    const e = makeExperiment(tiny);
    for (let s = 0; s < 3; s++) tf.dispose(e.teacherStep(s, lr));
    await e.finishTeacher();
    for (let s = 0; s < 12; s++) tf.dispose(e.studentStep(s, both(4, 0)));
    expect(await weightsOf(e, 'distilled')).toEqual(await weightsOf(e, 'scratch'));
    e.dispose();
  });

  it('is deterministic: the same seed gives identical weights and accuracies', async () => {
    const run = async () => {
      const e = makeExperiment(tiny);
      for (let s = 0; s < 20; s++) tf.dispose(e.teacherStep(s, lr));
      await e.finishTeacher();
      for (let s = 0; s < 20; s++) tf.dispose(e.studentStep(s, settings));
      const result = {
        teacher: await weightsOf(e, 'teacher'),
        distilled: await weightsOf(e, 'distilled'),
        evalDistilled: await e.evaluate(e.distilled.model),
      };
      e.dispose();
      return result;
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a.evalDistilled.agreement).toBeGreaterThanOrEqual(0);
  });

  it('changes the students differently once alpha > 0', async () => {
    const e = makeExperiment(tiny);
    for (let s = 0; s < 10; s++) tf.dispose(e.teacherStep(s, lr));
    await e.finishTeacher();
    for (let s = 0; s < 5; s++) tf.dispose(e.studentStep(s, settings));
    expect(await weightsOf(e, 'distilled')).not.toEqual(await weightsOf(e, 'scratch'));
    e.dispose();
  });

  it('keeps the tensor count flat from epoch to epoch and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const e = makeExperiment({ ...tiny, labeledFraction: 0.3, transferSet: true });
    const counts: number[] = [];
    const perEpoch = e.teacherPlan.stepsPerEpoch;
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let s = 0; s < perEpoch; s++) tf.dispose(e.teacherStep(epoch * perEpoch + s, lr));
      await e.evaluate(e.teacher.model);
      counts.push(tf.memory().numTensors);
    }
    await e.finishTeacher();
    const studentCounts: number[] = [];
    const studentPerEpoch = e.studentStepsPerEpoch;
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let s = 0; s < studentPerEpoch; s++) {
        for (const m of e.studentStep(epoch * studentPerEpoch + s, settings)) disposeStepMetrics(m);
      }
      await e.evaluate(e.distilled.model);
      await e.evaluate(e.scratch.model);
      studentCounts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    expect(new Set(studentCounts).size).toBe(1);
    e.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains the distilled student on the whole training set when the transfer set is on', () => {
    const e = makeExperiment({ ...tiny, labeledFraction: 0.1, transferSet: true });
    expect(e.usesTransferSet).toBe(true);
    expect(e.studentAt(0).plan.stepsPerEpoch).toBe(Math.ceil(160 / 16));
    expect(e.studentStepsPerEpoch).toBe(Math.ceil(160 / 16));
    expect(e.studentAt(1).plan.stepsPerEpoch).toBe(Math.ceil(e.labeledRows.length / 16));
    e.dispose();
  });
});

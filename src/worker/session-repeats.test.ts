import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../core/config';
import { generateSynthetic } from '../core/data/synthetic';
import { Experiment } from '../core/engine/experiment';
import { trainToReport } from '../core/engine/headless';
import { TINY_RUN, makeSession, ofType, train } from '../test-support/session-harness';

const config: ExperimentConfig = { ...TINY_RUN, studentEpochs: 2, seed: 42, repeats: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dataset = (c: ExperimentConfig) => generateSynthetic('moons', c.samples, c.noise, c.seed);

/** What a fresh headless run of `c` reports, as the page's final numbers. */
async function alone(c: ExperimentConfig) {
  const exp = new Experiment(dataset(c), c);
  try {
    return await trainToReport(exp);
  } finally {
    exp.dispose();
  }
}

describe('repeated runs', () => {
  it('train each seed in turn on its own split, and report what a run of that seed alone gives', async () => {
    const { session, messages, loadedSeeds } = makeSession(config);
    await train(session, 1, config);

    expect(loadedSeeds).toEqual([42, 43, 44]);
    expect(ofType(messages, 'repeat').map((m) => [m.index, m.of, m.seed])).toEqual([
      [0, 3, 42],
      [1, 3, 43],
      [2, 3, 44],
    ]);
    expect(ofType(messages, 'phase').map((m) => m.phase)).toEqual([
      'loading',
      'teacher',
      'soft-targets',
      'students',
      'repeats',
      'done',
    ]);
    const results = ofType(messages, 'seed-result').map((m) => m.result);
    expect(results.map((r) => [r.index, r.seed])).toEqual([
      [0, 42],
      [1, 43],
      [2, 44],
    ]);
    // The run's own seed is the summary the table shows.
    const summary = ofType(messages, 'summary')[0];
    expect(results[0]?.models).toEqual(summary?.models);
    expect(results[0]?.students).toEqual(summary?.students);

    // Seed 43 gives exactly what a headless run of seed 43 alone gives: an independent seed.
    const final = await alone({ ...config, seed: 43 });
    expect(results[1]?.models).toEqual(final.models);
    expect(results[1]?.students).toEqual(final.students);
    // Splits differ: the teacher's test accuracy is measured on other rows by each seed.
    const teacherAccuracies = results.map((r) => r.models.teacher?.accuracy);
    expect(new Set(teacherAccuracies).size).toBeGreaterThan(1);

    // Each other seed's epochs end at its final accuracy.
    const seedEpochs = ofType(messages, 'seed-epoch');
    for (const index of [1, 2]) {
      const last = seedEpochs.filter((m) => m.index === index && m.result.model === 'scratch');
      expect(last.map((m) => m.result.epoch)).toEqual([1, 2]);
      expect(last.at(-1)?.result.testAccuracy).toBe(results[index]?.models.scratch?.accuracy);
    }
    const progress = ofType(messages, 'progress').at(-1);
    expect(progress?.step).toBe(progress?.totalSteps);
    expect(ofType(messages, 'latency')).toHaveLength(1);
  });

  it('replay the schedule the first seed followed, its live change included, on every other seed', async () => {
    const lr = config.learningRate;
    // 160 training rows, batch 32: 5 student steps an epoch. T moves at step 3 by the schedule,
    // and the person moves it again once that change is reported.
    const scheduled: ExperimentConfig = {
      ...config,
      repeats: 2,
      temperature: 2,
      alpha: 0.5,
      schedule: [
        { step: 0, temperature: 4, alpha: 0.7, learningRate: lr },
        { step: 3, temperature: 2, alpha: 0.5, learningRate: lr },
      ],
    };
    let moved = false;
    const { session, messages } = makeSession(scheduled, (m, s) => {
      if (m.type === 'settings-change' && !moved) {
        moved = true;
        s.handle({ type: 'set-settings', settings: { temperature: 9 } });
      }
    });
    await train(session, 1, scheduled);
    const marks = ofType(messages, 'settings-change').map((m) => m.mark);
    expect(marks.map((m) => [m.step, m.temperature, m.live])).toEqual([
      [3, 2, false],
      [4, 9, true],
    ]);
    const results = ofType(messages, 'seed-result').map((m) => m.result);
    expect(results).toHaveLength(2);

    // The link the page makes of that run: its schedule with the live change.
    const link: ExperimentConfig = {
      ...scheduled,
      seed: 43,
      temperature: 9,
      schedule: [...scheduled.schedule, { step: 4, temperature: 9, alpha: 0.5, learningRate: lr }],
    };
    const final = await alone(link);
    expect(results[1]?.models).toEqual(final.models);
    expect(results[1]?.students).toEqual(final.students);
    // Not the run at the sliders' last values throughout, which is what seeds once trained at.
    const flat = await alone({ ...link, schedule: [] });
    expect(results[1]?.models.distilled).not.toEqual(flat.models.distilled);
    session.dispose();
  });

  it('replay a learning rate set while the teacher trained on every other seed’s teacher', async () => {
    // 160 training rows, batch 32: 5 teacher steps an epoch. The rate moves once the teacher's
    // first epoch is reported, so it applies from teacher step 5.
    const rated: ExperimentConfig = { ...config, repeats: 2, teacherEpochs: 2 };
    let moved = false;
    const { session, messages } = makeSession(rated, (m, s) => {
      if (m.type === 'epoch' && m.result.model === 'teacher' && !moved) {
        moved = true;
        s.handle({ type: 'set-settings', settings: { learningRate: 0.02 } });
      }
    });
    await train(session, 1, rated);
    expect(ofType(messages, 'teacher-rate').map((m) => m.change)).toEqual([
      { step: 5, learningRate: 0.02 },
    ]);
    const results = ofType(messages, 'seed-result').map((m) => m.result);
    expect(results).toHaveLength(2);

    // The link the page makes of that run carries the teacher's rates from step 0.
    const teacherSchedule = [
      { step: 0, learningRate: rated.learningRate },
      { step: 5, learningRate: 0.02 },
    ];
    const link: ExperimentConfig = { ...rated, repeats: 1, seed: 43, teacherSchedule };
    const final = await alone(link);
    expect(results[1]?.models.teacher).toEqual(final.models.teacher);
    // Not the teacher at the starting rate throughout, which is what other seeds once trained.
    const flat = await alone({ ...link, teacherSchedule: [] });
    expect(results[1]?.models.teacher).not.toEqual(flat.models.teacher);
    session.dispose();
  });

  it('keep the seeds that finished when stopped between or during seeds', async () => {
    const { session, messages } = makeSession(config, (m, s) => {
      if (m.type === 'repeat' && m.index === 2) s.handle({ type: 'stop' });
    });
    const before = tf.memory().numTensors;
    await train(session, 1, config);
    expect(ofType(messages, 'seed-result').map((m) => m.result.seed)).toEqual([42, 43]);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('stopped');
    expect(ofType(messages, 'latency')).toHaveLength(0);
    // Only the run's own seed keeps its tensors: the stopped seed's experiment was released.
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rebuild any finished seed for study, with the numbers that seed reported, and back', async () => {
    const { session, messages } = makeSession(config);
    await train(session, 1, config);
    const results = ofType(messages, 'seed-result').map((m) => m.result);
    // A rebuilt experiment holds no optimizer moments: count from the first switch on.
    let tensors: number | null = null;

    for (const index of [2, 0, 1]) {
      messages.length = 0;
      session.handle({ type: 'study-seed', runId: 1, index });
      await session.whenIdle();
      expect(ofType(messages, 'studied')).toEqual([
        { type: 'studied', runId: 1, index, seed: 42 + index },
      ]);
      // Rebuilt from its seed and kept weights: the same test numbers as when it trained.
      const summary = ofType(messages, 'summary')[0];
      expect(summary?.models).toEqual(results[index]?.models);
      expect(summary?.students).toEqual(results[index]?.students);
      expect(ofType(messages, 'analysis')).toHaveLength(1);
      expect(ofType(messages, 'latency')).toHaveLength(1);
      tensors ??= tf.memory().numTensors;
      expect(tf.memory().numTensors).toBe(tensors);
    }
    messages.length = 0;
    session.handle({ type: 'study-seed', runId: 1, index: 7 });
    expect(ofType(messages, 'error')[0]?.message).toMatch(/^Seed 8's models are not held/);
    session.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../core/config';
import { generateSynthetic } from '../core/data/synthetic';
import { denseStack, formatLayers } from '../core/layers';
import type { FromWorker } from '../protocol/messages';
import { Session } from './session';
import { modelShape } from '../core/backend-choice';
import { TINY_RUN, makeSession, ofType, train } from '../test-support/session-harness';

const config: ExperimentConfig = TINY_RUN;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('worker session', () => {
  it('runs teacher then both students, reporting phases, epochs, progress and a summary', async () => {
    const { session, messages } = makeSession(config);
    await train(session, 1, config);

    expect(ofType(messages, 'backend')[0]?.backend.name).toBe('cpu');
    expect(ofType(messages, 'phase').map((m) => m.phase)).toEqual([
      'loading',
      'teacher',
      'soft-targets',
      'students',
      'done',
    ]);
    const dataset = ofType(messages, 'dataset')[0]?.info;
    expect(dataset).toMatchObject({ train: 160, test: 40, classes: 2, labeled: 80 });

    const epochs = ofType(messages, 'epoch').map((m) => m.result);
    expect(epochs.filter((e) => e.model === 'teacher').map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs.filter((e) => e.model === 'distilled').map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs.filter((e) => e.model === 'scratch').map((e) => e.epoch)).toEqual([1, 2, 3]);
    // Accuracy and agreement are counts of the 40 test rows.
    const rows = (share: number | undefined) => (share ?? NaN) * 40;
    for (const e of epochs) {
      expect(e.trainLoss).toBeGreaterThan(0);
      expect(rows(e.testAccuracy)).toBeCloseTo(Math.round(rows(e.testAccuracy)), 9);
      if (e.model === 'teacher') expect(e.agreement).toBeUndefined();
      else expect(rows(e.agreement)).toBeCloseTo(Math.round(rows(e.agreement)), 9);
    }

    const progress = ofType(messages, 'progress');
    const last = progress.at(-1);
    // 160 rows / 32 = 5 teacher steps per epoch; the transfer set makes 5 student steps too.
    expect(last?.totalSteps).toBe(2 * 5 + 3 * 5);
    expect(last?.step).toBe(last?.totalSteps);
    const points = progress.flatMap((m) => m.points);
    expect(new Set(points.map((p) => p.model))).toEqual(
      new Set(['teacher', 'distilled', 'scratch']),
    );
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);

    const summary = ofType(messages, 'summary')[0]?.models;
    expect(summary?.teacher?.parameters).toBe(2 * 8 + 8 + 8 * 2 + 2);
    // The final evaluation is of the weights the last epoch evaluated.
    const lastDistilled = epochs.filter((e) => e.model === 'distilled').at(-1);
    expect(summary?.distilled?.accuracy).toBe(lastDistilled?.testAccuracy);
    expect(summary?.distilled?.agreement).toBe(lastDistilled?.agreement);
    expect(ofType(messages, 'error')).toEqual([]);
  });

  it('pauses, resumes, applies a temperature change at the next batch and marks it', async () => {
    let paused = false;
    let changed = false;
    const { session, messages } = makeSession(config, (m, s) => {
      if (m.type === 'epoch' && m.result.model === 'scratch' && !paused) {
        paused = true;
        s.handle({ type: 'pause' });
      }
      if (m.type === 'paused' && m.paused && !changed) {
        changed = true;
        // Resume later, from another task, as a person would.
        setTimeout(() => {
          s.handle({ type: 'set-settings', settings: { temperature: 9, alpha: 0.25 } });
          s.handle({ type: 'resume' });
        }, 20);
      }
    });
    await train(session, 2, config);
    expect(ofType(messages, 'paused').map((m) => m.paused)).toEqual([true, false]);
    // Nothing moves between the pause taking effect and the resume.
    const pausedAt = messages.findIndex((m) => m.type === 'paused' && m.paused);
    const resumedAt = messages.findIndex((m) => m.type === 'paused' && !m.paused);
    expect(messages.slice(pausedAt + 1, resumedAt).map((m) => m.type)).toEqual([]);
    const marks = ofType(messages, 'settings-change').map((m) => m.mark);
    // Paused after the first student epoch's evaluation: the change lands at step 1 × perEpoch.
    expect(marks).toEqual([
      { step: 5, epoch: 1, temperature: 9, alpha: 0.25, learningRate: 0.001, live: true },
    ]);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('done');
  });

  it('stops at any moment, keeping a summary of what was trained, and frees tensors on the next run', async () => {
    const { session, messages } = makeSession(config, (m, s) => {
      if (
        m.type === 'epoch' &&
        m.runId === 3 &&
        m.result.model === 'teacher' &&
        m.result.epoch === 1
      ) {
        s.handle({ type: 'stop' });
      }
    });
    await train(session, 3, config);
    const phases = ofType(messages, 'phase').map((m) => m.phase);
    expect(phases.at(-1)).toBe('stopped');
    expect(phases).not.toContain('students');
    const summary = ofType(messages, 'summary')[0]?.models;
    // Stopped right after the teacher's first epoch: the summary is of those very weights.
    const teacherEpoch = ofType(messages, 'epoch').find((m) => m.result.model === 'teacher');
    expect(summary?.teacher?.accuracy).toBe(teacherEpoch?.result.testAccuracy);
    expect(summary?.distilled).toBeUndefined();

    // A new run replaces the previous one and leaves no tensors of it behind: two finished runs
    // of the same architectures hold exactly the same number of tensors.
    await train(session, 4, config);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('done');
    const tensorsAfterOneRun = tf.memory().numTensors;
    session.handle({
      type: 'start',
      runId: 5,
      config: { ...config, teacherEpochs: 1, studentEpochs: 1 },
    });
    await Promise.resolve();
    await session.whenIdle();
    expect(tf.memory().numTensors).toBe(tensorsAfterOneRun);
  });

  it('reports a dataset failure as an error message', async () => {
    const messages: FromWorker[] = [];
    const session = new Session({
      post: (m) => messages.push(m),
      selectBackend: () => Promise.resolve({ name: 'cpu' }),
      loadDataset: () => Promise.reject(new Error('Could not load the MNIST digits (HTTP 404).')),
      yieldToEventLoop: () => Promise.resolve(),
      now: () => 0,
    });
    session.handle({ type: 'init', backend: 'cpu', shape: modelShape(config) });
    await train(session, 6, config);
    expect(ofType(messages, 'error')[0]).toMatchObject({
      runId: 6,
      message: expect.stringMatching(/HTTP 404/) as string,
    });
  });

  it('chooses the backend again when a run has other networks, and on a mode change when idle', async () => {
    const calls: string[] = [];
    const session: Session = new Session({
      post: (m) => {
        // A mode change while run 2 trains waits for the next Train.
        if (m.type === 'phase' && m.runId === 2 && m.phase === 'teacher') {
          session.handle({ type: 'set-backend', backend: 'wasm' });
        }
      },
      selectBackend: (mode, shape) => {
        calls.push(`${mode} ${formatLayers(shape.teacherHidden)}`);
        return Promise.resolve({ name: 'cpu' });
      },
      loadDataset: (c) => Promise.resolve(generateSynthetic('moons', c.samples, c.noise, c.seed)),
      yieldToEventLoop: () => new Promise((r) => setImmediate(r)),
      now: () => 0,
    });
    session.handle({ type: 'init', backend: 'auto', shape: modelShape(config) });
    session.handle({
      type: 'start',
      runId: 1,
      config: { ...config, teacherEpochs: 1, studentEpochs: 1 },
    });
    await Promise.resolve();
    await session.whenIdle();
    // Same networks: the choice made at init stands.
    expect(calls).toEqual(['auto 8']);

    session.handle({
      type: 'start',
      runId: 2,
      config: { ...config, teacherHidden: denseStack([6]), teacherEpochs: 1, studentEpochs: 1 },
    });
    await Promise.resolve();
    await session.whenIdle();
    expect(calls).toEqual(['auto 8', 'auto 6']);

    session.handle({
      type: 'start',
      runId: 3,
      config: { ...config, teacherHidden: denseStack([6]), teacherEpochs: 1, studentEpochs: 1 },
    });
    await Promise.resolve();
    await session.whenIdle();
    expect(calls).toEqual(['auto 8', 'auto 6', 'wasm 6']);
    session.dispose();
  });

  it('gives bit-identical curves and numbers for the same seed on the CPU backend', async () => {
    const record = async (seed: number) => {
      const { session, messages } = makeSession(config);
      session.handle({ type: 'start', runId: 1, config: { ...config, seed } });
      await Promise.resolve();
      await session.whenIdle();
      // Everything but the latency, which is a measurement of this machine, not of the run.
      return messages.filter((m) => m.type !== 'latency' && m.type !== 'backend');
    };
    const a = await record(11);
    const b = await record(11);
    const c = await record(12);
    expect(ofType(a, 'progress').flatMap((m) => m.points).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    expect(ofType(c, 'epoch')).not.toEqual(ofType(a, 'epoch'));
  });

  it('sends decision-boundary maps of a 2-D dataset for every model, without leaking', async () => {
    const { session, messages } = makeSession(config);
    await train(session, 1, config);
    const setup = ofType(messages, 'boundary-setup')[0]?.setup;
    expect(setup?.resolution).toBe(64);
    expect(setup?.labels.length).toBe(160);
    expect(setup?.points.length).toBe(320);
    const maps = ofType(messages, 'boundary');
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const last = maps.filter((m) => m.model === role).at(-1);
      expect(last?.probabilities.length).toBe(64 * 64 * 2);
    }
    // The teacher's final map comes before the students start.
    const types = messages.map((m) => (m.type === 'boundary' ? `boundary:${m.model}` : m.type));
    expect(types.lastIndexOf('boundary:teacher')).toBeLessThan(types.indexOf('boundary:distilled'));
    const before = tf.memory().numTensors;
    // Another seed: the teacher trains again, so the same tensors are alive at the end.
    await train(session, 2, { ...config, seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pauses a run whose loss stops being finite, naming the model and step', async () => {
    const messages: FromWorker[] = [];
    let clock = 0;
    const session: Session = new Session({
      post: (m) => {
        messages.push(m);
        // The person reads the notice on the paused page and stops.
        if (m.type === 'paused' && m.paused) session.handle({ type: 'stop' });
      },
      selectBackend: () => Promise.resolve({ name: 'cpu' }),
      // Features near float32's limit overflow the first layer: the loss is NaN from step 1.
      loadDataset: (c) => {
        const d = generateSynthetic('moons', c.samples, c.noise, c.seed);
        return Promise.resolve({ ...d, xTrain: d.xTrain.map((v) => v * 3e38) });
      },
      yieldToEventLoop: () => new Promise((r) => setImmediate(r)),
      now: () => (clock += 30),
    });
    session.handle({ type: 'init', backend: 'cpu', shape: modelShape(config) });
    await train(session, 3, config);
    const diverged = ofType(messages, 'diverged');
    expect(diverged).toHaveLength(1);
    expect(diverged[0]).toMatchObject({ runId: 3, model: 'teacher', loss: 'NaN' });
    expect(diverged[0]?.step).toBeGreaterThan(0);
    // Paused right there, then stopped by the person: a summary of what was trained remains.
    const types = messages.map((m) => m.type);
    expect(types.indexOf('paused')).toBeGreaterThan(types.indexOf('diverged'));
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('stopped');
    expect(ofType(messages, 'summary')).toHaveLength(1);
    // No non-finite point reaches the charts.
    const points = ofType(messages, 'progress').flatMap((m) => m.points);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
  });

  it('reuses a finished teacher when only the students change, and retrains it otherwise', async () => {
    const { session, messages } = makeSession(config);
    await train(session, 1, config);
    const firstTeacher = ofType(messages, 'summary')[0]?.models.teacher?.accuracy;
    const before = tf.memory().numTensors;
    const start = messages.length;
    // Same networks: another student shape would also re-choose the backend, which drops the
    // experiment (and so the teacher) first.
    await train(session, 2, { ...config, temperature: 9, alpha: 0.3, labeledFraction: 0.25 });
    const second = messages.slice(start);
    expect(ofType(second, 'teacher-reused')).toEqual([{ type: 'teacher-reused', runId: 2 }]);
    expect(ofType(second, 'phase').map((m) => m.phase)).toEqual([
      'loading',
      'soft-targets',
      'students',
      'done',
    ]);
    expect(ofType(second, 'epoch').some((m) => m.result.model === 'teacher')).toBe(false);
    expect(ofType(second, 'summary')[0]?.models.teacher?.accuracy).toBe(firstTeacher);
    // Its cost is the first run's arithmetic, untimed here; the students' is timed.
    const cost = (m: FromWorker[]) => ofType(m, 'summary')[0]?.models;
    expect(cost(second)?.teacher?.training?.seconds).toBeNull();
    expect(cost(second)?.teacher?.training?.flops).toBe(cost(messages)?.teacher?.training?.flops);
    expect(cost(second)?.distilled?.training?.seconds).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2);

    const third = messages.length;
    await train(session, 3, { ...config, seed: 99 });
    expect(ofType(messages.slice(third), 'teacher-reused')).toHaveLength(0);
    expect(ofType(messages.slice(third), 'phase').map((m) => m.phase)).toContain('teacher');
  });
});

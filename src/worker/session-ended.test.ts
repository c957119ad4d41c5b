import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../core/config';
import { TINY_RUN, makeSession, ofType, train } from '../test-support/session-harness';

const config: ExperimentConfig = TINY_RUN;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// What a session serves on a run that has ended: latency, logits and quantized sizes, predictions,
// exports, and the T × α sweep from the cached soft targets.
describe('worker session, after a run', () => {
  it('measures latency after a completed run, and again when asked once it has ended', async () => {
    const { session, messages } = makeSession(config);
    session.handle({ type: 'start', runId: 4, config });
    // Asked while training: ignored (the models are still changing).
    session.handle({ type: 'measure-latency', runId: 4 });
    await Promise.resolve();
    await session.whenIdle();
    const first = ofType(messages, 'latency');
    expect(first).toHaveLength(1);
    const types = messages.map((m) => m.type);
    expect(types.indexOf('latency')).toBeGreaterThan(types.lastIndexOf('phase'));
    const { backend, models } = first[0] ?? { backend: null, models: {} };
    expect(backend).toBe('cpu');
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      // The stub clock advances 30 ms a reading, so the time budget ends each measurement
      // after a handful of runs, never before the minimum of 5.
      expect(models[role]?.batch1.runs).toBeGreaterThanOrEqual(5);
      expect(models[role]?.batch1.runs).toBeLessThan(50);
      expect(models[role]?.batch256.p50).toBeGreaterThan(0);
    }

    session.handle({ type: 'measure-latency', runId: 3 });
    session.handle({ type: 'measure-latency', runId: 4 });
    await session.whenIdle();
    expect(ofType(messages, 'latency')).toHaveLength(2);
  });

  it('hands over test logits and quantized variants whose sizes are ½ and ¼ of fp32', async () => {
    const { session, messages } = makeSession(config);
    await train(session, 5, config);
    const analysis = ofType(messages, 'analysis')[0]?.analysis;
    expect(analysis?.testLabels).toHaveLength(40);
    expect(analysis?.testFeatures).toHaveLength(80);
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      expect(analysis?.logits[role]).toHaveLength(40 * 2);
      const [fp32, fp16, int8] = analysis?.variants[role] ?? [];
      expect([fp32?.format, fp16?.format, int8?.format]).toEqual(['fp32', 'fp16', 'int8']);
      expect(fp16?.bytes).toBe((fp32?.bytes ?? 0) / 2);
      expect(int8?.bytes).toBe((fp32?.bytes ?? 0) / 4);
      for (const v of [fp32, fp16, int8]) expect(v?.accuracy).toBeGreaterThan(0.4);
    }
    // fp32 decodes to the very same teacher.
    expect(analysis?.variants.teacher?.[0]?.agreement).toBe(1);
  });

  it('predicts a row, exports a model and sweeps T × α from the cached soft targets', async () => {
    const { session, messages, posted } = makeSession(config);
    await train(session, 6, config);

    session.handle({ type: 'predict', runId: 6, requestId: 9, features: new Float32Array([0, 1]) });
    session.handle({ type: 'export', runId: 6, requestId: 4, role: 'distilled', format: 'int8' });
    const request = {
      sweepId: 2,
      runId: 6,
      axis: 'grid' as const,
      temperatures: [1, 4],
      alphas: [0.5, 1],
      epochs: 2,
    };
    session.handle({ type: 'sweep', request });
    await session.whenIdle();
    // Predictions and exports answer beside the run queue: wait for their answers.
    await Promise.all([posted('prediction'), posted('exported')]);

    const prediction = ofType(messages, 'prediction')[0];
    expect(prediction?.requestId).toBe(9);
    for (const p of Object.values(prediction?.probabilities ?? {})) {
      expect(p?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    const files = ofType(messages, 'exported')[0]?.files;
    if (files?.format !== 'int8') throw new Error(`an int8 LayersModel was asked for`);
    expect(files.weightsName).toBe('distill-distilled-int8.weights.bin');
    expect(JSON.parse(files.modelJson)).toMatchObject({ format: 'layers-model' });

    const cells = ofType(messages, 'sweep-cell');
    expect(cells.map((c) => [c.cell.temperature, c.cell.alpha, c.done, c.total])).toEqual([
      [1, 0.5, 1, 4],
      [1, 1, 2, 4],
      [4, 0.5, 3, 4],
      [4, 1, 4, 4],
    ]);
    for (const { cell } of cells) expect(cell.curve.map((p) => p.epoch)).toEqual([1, 2]);
    // The cells and their scratch reference trained together, epoch by epoch.
    expect(ofType(messages, 'sweep-epoch').map((m) => [m.epoch, m.epochs])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    // Each cell is paired with the sweep's scratch student (same steps) on the same test rows.
    for (const { cell } of cells) {
      const { n, onlyFirst, onlySecond } = cell.paired;
      expect(n).toBe(40);
      expect(cell.reference.curve.map((p) => p.epoch)).toEqual([1, 2]);
      expect((onlyFirst - onlySecond) / n).toBeCloseTo(cell.accuracy - cell.reference.accuracy, 12);
    }
    expect(ofType(messages, 'sweep-end')).toEqual([
      { type: 'sweep-end', sweepId: 2, outcome: 'done' },
    ]);
  });

  it("sweeps the student's size: a KD and a scratch student per network, paired on the test rows", async () => {
    const { session, messages } = makeSession(config);
    await train(session, 9, config);
    const before = tf.memory().numTensors;
    const sizes = [[2], [4, 4]];
    const request = { sweepId: 6, runId: 9, axis: 'capacity' as const, sizes, epochs: 2 };
    session.handle({ type: 'sweep', request });
    await session.whenIdle();
    const reported = ofType(messages, 'sweep-size');
    // Moons: 2 inputs, 2 classes. 2-2-2 and 2-4-4-2, weights and biases.
    expect(reported.map((m) => [m.size.hidden, m.size.parameters, m.done, m.total])).toEqual([
      ['2', 2 * 2 + 2 + 2 * 2 + 2, 1, 2],
      ['4x4', 2 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2, 2, 2],
    ]);
    for (const { size } of reported) {
      const { n, onlyFirst, onlySecond } = size.paired;
      expect(n).toBe(40);
      expect((onlyFirst - onlySecond) / n).toBeCloseTo(
        size.distilled.accuracy - size.scratch.accuracy,
        12,
      );
      expect(size.distilled.curve.map((p) => p.epoch)).toEqual([1, 2]);
      expect(size.scratch.curve.map((p) => p.epoch)).toEqual([1, 2]);
    }
    expect(ofType(messages, 'sweep-cell')).toHaveLength(0);
    expect(ofType(messages, 'sweep-end').at(-1)).toEqual({
      type: 'sweep-end',
      sweepId: 6,
      outcome: 'done',
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('carries the run to a new task: every model and its fresh twin, reported once trained', async () => {
    const { session, messages } = makeSession(config);
    await train(session, 10, config);
    const before = tf.memory().numTensors;
    const request = {
      sweepId: 8,
      runId: 10,
      axis: 'transfer' as const,
      target: 'circles' as const,
      labels: 40,
      epochs: 2,
      mode: 'finetune' as const,
    };
    session.handle({ type: 'sweep', request });
    await session.whenIdle();
    const [reported] = ofType(messages, 'sweep-transfer');
    expect(reported?.sweepId).toBe(8);
    expect([reported?.index, reported?.of]).toEqual([0, 1]);
    expect(reported?.result.models.map((m) => m.name)).toEqual(['Teacher', 'Distilled', 'Scratch']);
    expect(reported?.result.models[0]?.curve).toHaveLength(2);
    expect(reported?.result.versus?.counts.n).toBeGreaterThan(0);
    expect(ofType(messages, 'sweep-epoch').filter((m) => m.sweepId === 8)).toHaveLength(2);
    expect(ofType(messages, 'sweep-end').at(-1)).toEqual({
      type: 'sweep-end',
      sweepId: 8,
      outcome: 'done',
    });
    expect(tf.memory().numTensors).toBe(before);
  });
  it('transfers every seed of a repeated run: seed 2 as a run of that seed alone would', async () => {
    const request = {
      sweepId: 9,
      runId: 11,
      axis: 'transfer' as const,
      target: 'circles' as const,
      labels: 40,
      epochs: 2,
      mode: 'finetune' as const,
    };
    const repeated = { ...config, repeats: 2 };
    const { session, messages } = makeSession(repeated);
    await train(session, 11, repeated);
    const before = tf.memory().numTensors;
    session.handle({ type: 'sweep', request });
    await session.whenIdle();
    const reported = ofType(messages, 'sweep-transfer');
    expect(reported.map((m) => [m.index, m.of])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const epochs = ofType(messages, 'sweep-epoch').filter((m) => m.sweepId === 9);
    expect(epochs.map((m) => `${m.epoch}/${m.epochs}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(tf.memory().numTensors).toBe(before);

    // The second seed's transfer, from its kept weights, is the transfer of a run of that seed.
    const alone = { ...config, seed: config.seed + 1 };
    const single = makeSession(alone);
    await train(single.session, 11, alone);
    single.session.handle({ type: 'sweep', request });
    await single.session.whenIdle();
    const [own] = ofType(single.messages, 'sweep-transfer');
    expect(reported[1]?.result.models.map((m) => m.counts)).toEqual(
      own?.result.models.map((m) => m.counts),
    );
  });

  it('cancels a sweep between steps, and a new run cancels one too', async () => {
    const { session, messages } = makeSession(config, (m, s) => {
      if (m.type === 'sweep-epoch') s.handle({ type: 'cancel-sweep' });
    });
    await train(session, 7, config);
    const before = tf.memory().numTensors;
    const request = {
      sweepId: 3,
      runId: 7,
      axis: 'grid' as const,
      temperatures: [2, 3],
      alphas: [0.5, 1],
      epochs: 3,
    };
    session.handle({ type: 'sweep', request });
    await session.whenIdle();
    // Cancelled after its first epoch: no cell is reported, and its students are freed.
    expect(ofType(messages, 'sweep-epoch')).toHaveLength(1);
    expect(ofType(messages, 'sweep-cell')).toHaveLength(0);
    expect(ofType(messages, 'sweep-end').at(-1)?.outcome).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);

    session.handle({ type: 'sweep', request: { ...request, sweepId: 4, runId: 99 } });
    expect(ofType(messages, 'sweep-end').at(-1)).toMatchObject({ sweepId: 4, outcome: 'error' });

    // A new run stops a sweep in progress before it begins.
    session.handle({ type: 'sweep', request: { ...request, sweepId: 5, epochs: 50 } });
    await train(session, 8, config);
    expect(ofType(messages, 'sweep-end').at(-1)).toMatchObject({
      sweepId: 5,
      outcome: 'cancelled',
    });
    expect(ofType(messages, 'phase').at(-1)).toMatchObject({ runId: 8, phase: 'done' });
  });
});

/**
 * The session training on the fused kernels (a WebGPU device in Node) while tfjs holds the models
 * on its CPU backend: the page hears which engine trains, gets a complete run, Stop keeps what was
 * trained, and nothing leaks — tfjs tensors or GPU buffers.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../test-support/node-gpu';
import { generateSynthetic } from '../core/data/synthetic';
import { Experiment } from '../core/engine/experiment';
import { FusedSteps } from '../core/engine/fused/fused-steps';
import { adapterName, memoryStore, selfCheckKey } from '../core/engine/fused/tuning';
import { trainToReport } from '../core/engine/headless';
import { denseStack } from '../core/layers';
import { inputShape } from '../core/config';
import { asFiles, layersModelFiles } from '../test-support/model-files';
import { moonsTeacher } from '../test-support/teachers';
import { TINY_RUN, makeSession, ofType, train } from '../test-support/session-harness';

let device: GPUDevice;
/** GPU buffers alive: counted by wrapping the device's createBuffer and each buffer's destroy. */
let liveBuffers = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
  const create = device.createBuffer.bind(device);
  device.createBuffer = (descriptor) => {
    const buffer = create(descriptor);
    liveBuffers += 1;
    const destroy = buffer.destroy.bind(buffer);
    let destroyed = false;
    buffer.destroy = () => {
      if (!destroyed) liveBuffers -= 1;
      destroyed = true;
      destroy();
    };
    return buffer;
  };
});

describe('a session on the fused kernels', () => {
  it('checks and tunes once per adapter: the page is told while, and keeps what was learned', async () => {
    const store = memoryStore();
    // A teacher wide enough that some of its matmuls are worth tuning (≥ 2²⁰ multiply-adds).
    const config = { ...TINY_RUN, teacherHidden: denseStack([512, 128]), batchSize: 32 };
    const { session, messages } = makeSession(config, undefined, device, store);
    await train(session, 1, config);
    const stages = ofType(messages, 'fused-preparing').map((m) => m.stage.what);
    expect(stages).toEqual(['self-check', 'tuning']);
    const [engine] = ofType(messages, 'engine');
    expect(engine?.engine).toBe('fused');
    expect(engine?.tuned).toMatch(/^kernels tuned for this GPU: \d+ of \d+ matmul shapes? in/);
    const kept = ofType(messages, 'kernel-choices').at(-1)?.entries ?? {};
    expect(kept[selfCheckKey(adapterName(device))]).toBe('passed');
    expect(Object.keys(kept).length).toBeGreaterThan(1);

    // The next runs (or visits, with the page's saved entries): no check again, and tuning only
    // for the shapes the budget did not reach, until none is left.
    const later = [];
    for (let runId = 2; runId <= 5; runId++) {
      messages.length = 0;
      await train(session, runId, config);
      later.push(ofType(messages, 'fused-preparing').map((m) => m.stage.what));
      if (later.at(-1)?.length === 0) break;
    }
    expect(later.flat()).not.toContain('self-check');
    expect(later.at(-1)).toEqual([]);
    expect(ofType(messages, 'engine')[0]?.tuned).toBe(
      'kernels tuned on this GPU in an earlier run',
    );
    // Several runs' shader compiles and timings on SwiftShader: 18 s on an idle 2-core machine,
    // over 60 s beside a CPU hog and other GPU tests. The budget is the harness's fake clock, so
    // the work does not grow with load, only its wall time.
  }, 240_000);

  it('without tuning (the end-to-end build) still keeps and reads the self-check’s pass, and times nothing', async () => {
    const store = memoryStore();
    const { session, messages } = makeSession(TINY_RUN, undefined, device, store, false);
    await train(session, 1, TINY_RUN);
    expect(ofType(messages, 'fused-preparing').map((m) => m.stage.what)).toEqual(['self-check']);
    const [engine] = ofType(messages, 'engine');
    expect(engine?.engine).toBe('fused');
    expect(engine?.tuned).toBeUndefined();
    expect(ofType(messages, 'kernel-choices').at(-1)?.entries).toEqual({
      [selfCheckKey(adapterName(device))]: 'passed',
    });
    messages.length = 0;
    await train(session, 2, TINY_RUN);
    expect(ofType(messages, 'fused-preparing')).toEqual([]);
  });

  it('says so, completes the run with every number, and frees its buffers', async () => {
    const { session, messages } = makeSession(TINY_RUN, undefined, device);
    const tensors = tf.memory().numTensors;
    const buffers = liveBuffers;
    await train(session, 1, TINY_RUN);
    expect(ofType(messages, 'engine')).toEqual([
      { type: 'engine', runId: 1, engine: 'fused', reason: null },
    ]);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('done');
    const epochs = ofType(messages, 'epoch').map((m) => m.result);
    expect(epochs.filter((e) => e.model === 'teacher')).toHaveLength(TINY_RUN.teacherEpochs);
    expect(epochs.filter((e) => e.model === 'scratch')).toHaveLength(TINY_RUN.studentEpochs);
    for (const e of epochs) expect(Number.isFinite(e.trainLoss)).toBe(true);
    // The fused evaluation and the tfjs models it synced to (the summary) agree.
    const summary = ofType(messages, 'summary').at(-1);
    for (const role of ['teacher', 'distilled', 'scratch'] as const) {
      const last = epochs.filter((e) => e.model === role).at(-1);
      expect(summary?.models[role]?.accuracy).toBe(last?.testAccuracy);
    }
    expect(summary?.students).toBeDefined();
    const points = ofType(messages, 'progress').flatMap((m) => m.points);
    expect(points.some((p) => p.model === 'distilled' && p.accuracy > 0)).toBe(true);
    // The second run releases the first's engine; its own goes when the session does.
    await train(session, 2, { ...TINY_RUN, seed: 43 });
    session.dispose();
    expect(liveBuffers).toBe(buffers);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('trains a repeated run’s other seeds on the fused kernels too', async () => {
    const config = { ...TINY_RUN, repeats: 2 };
    const { session, messages } = makeSession(config, undefined, device);
    const buffers = liveBuffers;
    await train(session, 1, config);
    const seeds = ofType(messages, 'seed-result').map((m) => m.result);
    expect(seeds.map((r) => r.seed)).toEqual([TINY_RUN.seed, TINY_RUN.seed + 1]);
    session.dispose();
    // Seed 43 as the headless loop trains it on the fused kernels: the same numbers.
    const seed = TINY_RUN.seed + 1;
    const c = { ...config, seed };
    const exp = new Experiment(generateSynthetic('moons', c.samples, c.noise, seed), c);
    const steps = await FusedSteps.create(exp, device);
    const alone = await trainToReport(exp, {}, steps);
    steps.dispose();
    exp.dispose();
    expect(seeds[1]?.models).toEqual(alone.models);
    expect(liveBuffers).toBe(buffers);
  });

  it('distils the fused students from an imported teacher, agreeing with tfjs on its predictions', async () => {
    const { session, messages } = makeSession(TINY_RUN, undefined, device);
    const teacher = await moonsTeacher();
    const files = asFiles(await layersModelFiles(teacher, 'moons-teacher'));
    teacher.dispose();
    const input = inputShape(TINY_RUN);
    session.handle({ type: 'import-teacher', requestId: 1, files, input, classes: 2 });
    while (ofType(messages, 'teacher-import').length === 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const buffers = liveBuffers;
    session.handle({ type: 'start', runId: 1, config: TINY_RUN, importedTeacher: true });
    await Promise.resolve();
    await session.whenIdle();
    expect(ofType(messages, 'error')).toEqual([]);
    expect(ofType(messages, 'engine')[0]?.engine).toBe('fused');
    expect(ofType(messages, 'teacher-imported')).toHaveLength(1);
    // The agreement the fused kernels measured each epoch (against the teacher predictions they
    // were given) is the one tfjs measures on the synced student at the end.
    const last = ofType(messages, 'epoch')
      .map((m) => m.result)
      .filter((e) => e.model === 'distilled')
      .at(-1);
    const summary = ofType(messages, 'summary').at(-1);
    expect(last?.agreement).toBeDefined();
    expect(summary?.models.distilled?.agreement).toBe(last?.agreement);
    session.dispose();
    expect(liveBuffers).toBe(buffers);
  });

  it('ends the run on a GPU error with the reason, and trains on tfjs from then on', async () => {
    let injected = false;
    const { session, messages } = makeSession(
      TINY_RUN,
      (m) => {
        // An invalid command outside any error scope once the teacher has trained an epoch, as a
        // driver bug mid-run would give.
        if (m.type === 'epoch' && !injected) {
          injected = true;
          device.createBuffer({ size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
        }
      },
      device,
    );
    const buffers = liveBuffers;
    await train(session, 1, TINY_RUN);
    const errors = ofType(messages, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fusedFault).toBe(true);
    expect(errors[0]?.message).toMatch(
      /^The GPU reported an error while the fused kernels trained \(validation error: .+\)\. No checkpoint had been saved, so nothing was kept; from now on this page trains on tfjs's WebGPU kernels\.$/,
    );
    expect(ofType(messages, 'phase').map((m) => m.phase)).not.toContain('done');

    messages.length = 0;
    await train(session, 2, TINY_RUN);
    expect(ofType(messages, 'engine')).toEqual([
      {
        type: 'engine',
        runId: 2,
        engine: 'tfjs',
        reason: 'a GPU error ended an earlier run on the fused kernels in this page',
      },
    ]);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('done');

    // The fault holds for every engine the worker chooses: a repeated run's other seeds and a
    // sweep train on tfjs too, and say so.
    messages.length = 0;
    const twoSeeds = { ...TINY_RUN, repeats: 2 };
    await train(session, 3, twoSeeds);
    const reason = 'a GPU error ended an earlier run on the fused kernels in this page';
    expect(ofType(messages, 'repeat').map((m) => m.index)).toEqual([0, 1]);
    expect(ofType(messages, 'engine').map((m) => [m.engine, m.reason])).toEqual([
      ['tfjs', reason],
      ['tfjs', reason],
    ]);
    messages.length = 0;
    const sweep = {
      sweepId: 1,
      runId: 3,
      axis: 'grid' as const,
      temperatures: [2],
      alphas: [0.5],
      epochs: 1,
    };
    session.handle({ type: 'sweep', request: sweep });
    await session.whenIdle();
    expect(ofType(messages, 'sweep-engine')).toEqual([
      { type: 'sweep-engine', sweepId: 1, engine: 'tfjs', reason },
    ]);
    expect(ofType(messages, 'sweep-end')[0]?.outcome).toBe('done');
    session.dispose();
    // Every buffer the engines made is gone; the invalid one (an error object) is the test's own.
    expect(liveBuffers).toBe(buffers + 1);
  });
});

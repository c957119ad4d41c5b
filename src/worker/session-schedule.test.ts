import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../core/config';
import { withChange } from '../core/schedule';
import { TINY_RUN, makeSession, ofType, train } from '../test-support/session-harness';

const config: ExperimentConfig = { ...TINY_RUN, teacherEpochs: 1 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('schedules and keep training', () => {
  it('replays a run’s live changes at the same steps, to the same numbers', async () => {
    // The original: T and α change live during the first student epoch's fourth step.
    let sent = false;
    const original = makeSession(config, (m, s) => {
      if (m.type === 'progress' && !sent && m.step >= 7) {
        sent = true;
        s.handle({ type: 'set-settings', settings: { temperature: 12, alpha: 0.2 } });
      }
    });
    await train(original.session, 1, config);
    const marks = ofType(original.messages, 'settings-change').map((m) => m.mark);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ temperature: 12, alpha: 0.2, live: true });

    // Its link: the start values at step 0, then the change where it applied.
    const start = { temperature: 4, alpha: 0.7, learningRate: 0.001 };
    const change = marks[0];
    if (!change) return;
    const schedule = withChange([], start, change);
    const replay = makeSession(config);
    await train(replay.session, 1, { ...config, temperature: 12, alpha: 0.2, schedule });
    const replayed = ofType(replay.messages, 'settings-change').map((m) => m.mark);
    expect(replayed).toEqual([{ ...change, live: false }]);
    expect(ofType(replay.messages, 'summary')[0]?.models).toEqual(
      ofType(original.messages, 'summary')[0]?.models,
    );
  });

  it('a live change takes over from a replayed schedule', async () => {
    const schedule = [
      { step: 0, temperature: 4, alpha: 0.7, learningRate: 0.001 },
      { step: 9, temperature: 8, alpha: 0.7, learningRate: 0.001 },
    ];
    let sent = false;
    const { session, messages } = makeSession(config, (m, s) => {
      if (m.type === 'phase' && m.phase === 'students' && !sent) {
        sent = true;
        s.handle({ type: 'set-settings', settings: { alpha: 0.1 } });
      }
    });
    await train(session, 1, { ...config, temperature: 8, schedule });
    const marks = ofType(messages, 'settings-change').map((m) => m.mark);
    // Applied at the first student step; the change planned for step 9 no longer applies.
    expect(marks).toEqual([
      { step: 0, epoch: 0, temperature: 4, alpha: 0.1, learningRate: 0.001, live: true },
    ]);
  });

  it('keeps the students training past their epochs until Stop, evaluating every epoch', async () => {
    const { session, messages } = makeSession(config, (m, s) => {
      if (m.type === 'epoch' && m.result.model === 'scratch' && m.result.epoch === 6) {
        s.handle({ type: 'stop' });
      }
    });
    await train(session, 1, config, true);
    const epochs = ofType(messages, 'epoch').filter((m) => m.result.model === 'distilled');
    expect(epochs.map((m) => m.result.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('stopped');
    expect(ofType(messages, 'summary')[0]?.models.distilled?.accuracy).toBe(
      epochs.at(-1)?.result.testAccuracy,
    );
  });

  it('ends at the next epoch boundary when Keep training is switched off', async () => {
    const { session, messages } = makeSession(config, (m, s) => {
      if (m.type === 'epoch' && m.result.model === 'scratch' && m.result.epoch === 4) {
        s.handle({ type: 'keep-training', on: false });
      }
    });
    await train(session, 1, config, true);
    const epochs = ofType(messages, 'epoch').filter((m) => m.result.model === 'distilled');
    expect(epochs.map((m) => m.result.epoch)).toEqual([1, 2, 3, 4]);
    expect(ofType(messages, 'phase').at(-1)?.phase).toBe('done');
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inputShape } from '../core/config';
import { generateSynthetic } from '../core/data/synthetic';
import { asFiles, layersModelFiles } from '../test-support/model-files';
import { moonsTeacher } from '../test-support/teachers';
import { TINY_RUN, makeSession, ofType } from '../test-support/session-harness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a session with an imported teacher', () => {
  it('distils from it without training one; a later bad import keeps it; repeats load it too', async () => {
    const { session, messages } = makeSession(TINY_RUN);
    const input = inputShape(TINY_RUN);
    const good = await moonsTeacher();
    const bad = await moonsTeacher(3);
    const files = asFiles(await layersModelFiles(good, 'moons-teacher'));
    const badFiles = asFiles(await layersModelFiles(bad, 'three-classes'));
    bad.dispose();

    session.handle({ type: 'import-teacher', requestId: 1, files, input, classes: 2 });
    session.handle({ type: 'import-teacher', requestId: 2, files: badFiles, input, classes: 2 });
    // Imports are answered beside the run queue, not in it.
    while (ofType(messages, 'teacher-import').length < 2) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const answers = ofType(messages, 'teacher-import');
    expect(answers.map((a) => (a.result.ok ? a.result.teacher.className : a.result.error))).toEqual(
      ['Functional', 'three-classes.json outputs 3 values a row; this dataset has 2 classes.'],
    );

    const tensorsBefore = tf.memory().numTensors;
    const config = { ...TINY_RUN, repeats: 2 };
    session.handle({ type: 'start', runId: 1, config, importedTeacher: true });
    await Promise.resolve();
    await session.whenIdle();

    expect(ofType(messages, 'error')).toEqual([]);
    expect(ofType(messages, 'teacher-imported')[0]?.teacher.name).toBe('moons-teacher.json');
    const phases = ofType(messages, 'phase').map((m) => m.phase);
    expect(phases).not.toContain('teacher');
    expect(ofType(messages, 'epoch').filter((m) => m.result.model === 'teacher')).toEqual([]);
    const rows = ofType(messages, 'teacher-rows').at(-1);
    expect(rows && rows.done === rows.total).toBe(true);

    // The teacher's accuracy is the model's own on the run's test rows.
    const data = generateSynthetic('moons', config.samples, config.noise, config.seed);
    const predicted = tf.tidy(() =>
      tf.argMax(good.predict(tf.tensor2d(data.xTest, [data.yTest.length, 2])) as tf.Tensor, 1),
    );
    const labels = (await predicted.data()) as Int32Array;
    predicted.dispose();
    const accuracy = labels.filter((p, i) => p === data.yTest[i]).length / labels.length;
    const summary = ofType(messages, 'summary').at(-1);
    expect(summary?.models.teacher?.accuracy).toBeCloseTo(accuracy, 10);
    expect(summary?.models.teacher?.parameters).toBe(good.countParams());
    expect(summary?.models.distilled?.agreement).toBeGreaterThan(0);

    // The second seed distilled from its own copy of the same teacher.
    const seeds = ofType(messages, 'seed-result').map((m) => m.result);
    expect(seeds.map((s) => s.index)).toEqual([0, 1]);
    expect(seeds[1]?.models.teacher?.parameters).toBe(good.countParams());
    good.dispose();

    session.dispose();
    // Every copy of the imported model went with its experiment.
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensorsBefore);
  });
});

import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';

/**
 * A student phase of 7 batches an epoch, 3 epochs planned: the tests below keep it training past
 * them until they have interrupted it, then let it end at the next epoch end.
 */
const LONG_STUDENTS = {
  dataset: 'Moons',
  samples: 100,
  teacher: [8],
  student: [4],
  teacherEpochs: 2,
  studentEpochs: 3,
  batchSize: 16,
};

/**
 * Trains with Keep training on, so the run is still in its student phase whenever the test
 * interrupts it, however fast the backend, until the test switches it off (`finish`).
 */
async function trainOnAndOn(app: PlaygroundPage, setup = LONG_STUDENTS): Promise<void> {
  await app.setUp(setup);
  await app.page.getByRole('checkbox', { name: 'Keep training' }).check();
  await app.button('Train').click();
}

/** Switches Keep training off: the run ends at its planned epochs or the next epoch end. */
async function finish(app: PlaygroundPage): Promise<void> {
  await app.page.getByRole('checkbox', { name: 'Keep training' }).uncheck();
  await app.inPhase('done');
}

type Hook = 'destroyDevice' | 'gpuError' | 'crashWorker' | 'terminateWorker' | 'setLearningRate';

async function inject(page: Page, hook: Hook, value?: number): Promise<void> {
  await page.evaluate(
    ([name, arg]) => {
      const hooks = (
        window as unknown as { distillTestHooks: Record<string, (v?: number) => void> }
      ).distillTestHooks;
      hooks[name]?.(arg);
    },
    [hook, value] as const,
  );
}

/** Waits until the Runs list holds the running run's checkpoint at student epoch 2 or later. */
async function studentCheckpoint(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Runs' })).toContainText(
    /saved at student epoch ([2-9]|\d\d)/,
  );
}

test.describe('nothing is lost', () => {
  test('a reload in the middle of a student run: restore, and it continues from its checkpoint', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // Checkpoints are the same on every backend: the faster one.
    await app.open('/?backend=wasm');
    await trainOnAndOn(app);
    await studentCheckpoint(page);
    const teacherAccuracy = await app.cell('Teacher', 2).textContent();
    // A reloaded page starts with Keep training off: the restored run ends by itself.
    await page.reload();

    const offer = page.getByText(/was interrupted after student epoch \d+; Restore continues it/);
    await expect(offer).toBeVisible();
    await page.getByRole('button', { name: 'Restore' }).click();
    // The teacher and its curves come back from storage; the students train on to the end.
    await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
    await app.inPhase('done');
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
    await expect(app.curve('Loss', 0)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Runs' }).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Runs' })).toContainText(' · done · ');
    await app.screenshot('faults-reload-continued');
  });

  test('the worker dies (an uncaught error, then terminated): charts stay, a new worker continues', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the worker, not the GPU: the faster backend.
    await app.open('/?backend=wasm&testHooks');
    await trainOnAndOn(app);
    await studentCheckpoint(page);

    await inject(page, 'crashWorker');
    await expect(
      page.getByRole('alert').filter({ hasText: 'The training worker failed' }),
    ).toContainText('Injected fault: an uncaught error in the training worker');
    const teacherAccuracy = await app.cell('Teacher', 2).textContent();
    const teacherPoints = async () =>
      ((await app.curve('Loss', 0).getAttribute('d')) ?? '').split(/[LC]/).length;
    const before = await teacherPoints();
    expect(before).toBeGreaterThan(1);
    const continueButton = page.getByRole('button', { name: /^Continue from student epoch \d+$/ });
    await continueButton.click();
    await app.inPhase('students');
    await studentCheckpoint(page);

    await inject(page, 'terminateWorker');
    await expect(
      page.getByRole('alert').filter({ hasText: 'The training worker was terminated.' }),
    ).toBeVisible();
    await continueButton.click();
    await app.inPhase('students');
    await finish(app);
    // The teacher was never retrained: its curve and accuracy are the ones shown before.
    expect(await teacherPoints()).toBe(before);
    await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
    await expect(app.cell('Scratch student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  });

  test('the GPU device is lost mid-run: the run pauses, moves to another backend, and resumes', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu&testHooks');
    await expect(app.status).toContainText('Backend: webgpu');
    await trainOnAndOn(app);
    await studentCheckpoint(page);
    const pointsBefore = (await app.curve('Loss', 1).getAttribute('d')) ?? '';

    await inject(page, 'destroyDevice');
    await expect(
      page.getByRole('alert').filter({ hasText: 'The GPU device was lost' }),
    ).toBeVisible();
    const recovered = page.getByText(
      /^The GPU device was lost\. The models were rebuilt on (webgl|wasm|cpu) from the checkpoint after student epoch \d+/,
    );
    await expect(recovered).toBeVisible();
    await expect(app.status).not.toContainText('Backend: webgpu');
    await app.paused();
    // Nothing shown before the loss is gone.
    expect(((await app.curve('Loss', 1).getAttribute('d')) ?? '').length).toBeGreaterThanOrEqual(
      pointsBefore.length,
    );
    await app.screenshot('faults-device-lost');
    await app.button('Resume').click();
    await finish(app);
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  });

  test('a GPU error in the fused kernels ends the run with the reason; it continues on tfjs', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu&testHooks');
    await trainOnAndOn(app);
    await expect(app.status).toContainText('Backend: webgpu, fused kernels');
    await studentCheckpoint(page);

    await inject(page, 'gpuError');
    await app.inPhase('failed');
    // Within its planned epochs or, with Keep training, past them.
    await expect(app.phase).toHaveText(
      /^Failed: The GPU reported an error .*the fused kernels trained \(validation error: .+\)\. What was trained up to student epoch \d+ is kept; from now on this page trains on tfjs's WebGPU kernels\. · step [\d,]+( of [\d,]+| · epoch \d+ \(3 planned\))$/,
    );
    const teacherAccuracy = await app.cell('Teacher', 2).textContent();
    await page.getByRole('button', { name: /^Continue on tfjs from student epoch \d+$/ }).click();
    await expect(
      page.getByText(
        'This run trains on tfjs’s WebGPU kernels, not the fused ones: a GPU error ended an earlier run on the fused kernels in this page.',
      ),
    ).toBeVisible();
    await finish(app);
    await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
    await app.screenshot('faults-gpu-error-continued');
  });

  test('divergence: a loss that overflows pauses the run with a message naming the model and step', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu&testHooks');
    // A teacher phase the injection always lands in.
    await app.setUp({ ...LONG_STUDENTS, samples: 5000, teacherEpochs: 200 });
    await app.button('Train').click();
    await expect(app.curve('Loss', 0)).toBeVisible();
    // Adam moves every weight by about the learning rate per step: at 1e30 the logits overflow.
    await inject(page, 'setLearningRate', 1e30);
    const notice = page.getByRole('alert').filter({ hasText: 'training loss became' });
    await expect(notice).toContainText(
      /^The teacher’s training loss became (NaN|Infinity) by step \d+ \(epoch \d+\.\d\d\), with learning rate 1e\+30\. Training is paused there/,
    );
    await app.paused();
    await app.inPhase('teacher');
    // What was drawn before stays; Stop keeps what was trained.
    await expect(app.curve('Loss', 0)).toBeVisible();
    await app.button('Stop').click();
    await app.inPhase('stopped');
    await expect(app.cell('Teacher', 2)).toHaveText(/ %$/);
  });

  test('storage full while saving: a clear message, the run in memory intact', async ({ page }) => {
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const app = new PlaygroundPage(page);
    // Saving is the same on every backend; wasm trains several times faster here.
    await app.open('/?backend=wasm');
    await app.trainToDone(TINY_MOONS);
    await expect(page.getByRole('region', { name: 'Runs' })).toContainText(
      'The browser’s storage for this page is full, so this run is kept in memory only.',
    );
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
    await expect(page.getByRole('table', { name: 'Quantized sizes' })).toBeVisible();
  });

  test('a worker error while measuring latency ends in the latency cells, not "measuring" forever', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu&testHooks');
    await expect(app.status).toContainText('Backend: webgpu');
    await app.trainToDone(TINY_MOONS);
    await expect(app.cell('Teacher', 4)).toHaveText(/ ms$/);
    // The models live on the GPU device; without it, measuring them again must fail, and say so.
    await inject(page, 'destroyDevice');
    await expect(
      page.getByRole('alert').filter({ hasText: 'The GPU device was lost' }),
    ).toBeVisible();
    await app.button('Measure latency').click();
    await expect(app.cell('Teacher', 4)).toHaveText('failed');
    await expect(app.cell('Distilled student', 5)).toHaveText('failed');
    await expect(page.getByText(/^Latency could not be measured: .+/)).toBeVisible();
    await expect(app.button('Measure latency')).toBeEnabled();
  });
});

import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';

/**
 * Long enough in the student phase to interrupt it there on WebGPU (SwiftShader): 10 batches an
 * epoch, 12 epochs. (On wasm even 40 epochs ended before the page showed their checkpoint.)
 */
const LONG_STUDENTS = {
  dataset: 'Moons',
  samples: 200,
  teacher: [8],
  student: [4],
  teacherEpochs: 2,
  studentEpochs: 12,
  batchSize: 16,
};

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
    await app.open();
    await app.setUp(LONG_STUDENTS);
    await app.button('Train').click();
    await studentCheckpoint(page);
    const teacherAccuracy = await app.cell('Teacher', 2).textContent();
    await page.reload();

    const offer = page.getByText(/was interrupted after student epoch \d+; Restore continues it/);
    await expect(offer).toBeVisible();
    await page.getByRole('button', { name: 'Restore' }).click();
    // The teacher and its curves come back from storage; the students train on to the end.
    await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
    await expect(page.getByText(/^Training the distilled and scratch students/)).toBeVisible();
    await expect(page.getByText(/^Done/)).toBeVisible();
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
    await app.open('/?backend=webgpu&testHooks');
    await app.setUp(LONG_STUDENTS);
    await app.button('Train').click();
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
    await expect(page.getByText(/^Training the distilled and scratch students/)).toBeVisible();
    await studentCheckpoint(page);

    await inject(page, 'terminateWorker');
    await expect(
      page.getByRole('alert').filter({ hasText: 'The training worker was terminated.' }),
    ).toBeVisible();
    await continueButton.click();
    await expect(page.getByText(/^Done/)).toBeVisible();
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
    await app.setUp(LONG_STUDENTS);
    await app.button('Train').click();
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
    await expect(page.getByText(/^Paused — /)).toBeVisible();
    // Nothing shown before the loss is gone.
    expect(((await app.curve('Loss', 1).getAttribute('d')) ?? '').length).toBeGreaterThanOrEqual(
      pointsBefore.length,
    );
    await app.screenshot('faults-device-lost');
    await app.button('Resume').click();
    await expect(page.getByText(/^Done/)).toBeVisible();
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  });

  test('a GPU error in the fused kernels ends the run with the reason; it continues on tfjs', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu&testHooks');
    // Six student epochs: the error comes after the second, with training still to do.
    await app.setUp({ ...LONG_STUDENTS, studentEpochs: 6 });
    await app.button('Train').click();
    await expect(app.status).toContainText('Backend: webgpu, fused kernels');
    await studentCheckpoint(page);

    await inject(page, 'gpuError');
    await expect(page.getByText(/^Failed: The GPU reported an error/)).toContainText(
      /the fused kernels trained \(validation error: .+\)\. What was trained up to student epoch \d+ is kept; from now on this page trains on tfjs's WebGPU kernels\. · step \d+ of \d+$/,
    );
    const teacherAccuracy = await app.cell('Teacher', 2).textContent();
    await page.getByRole('button', { name: /^Continue on tfjs from student epoch \d+$/ }).click();
    await expect(
      page.getByText(
        'This run trains on tfjs’s WebGPU kernels, not the fused ones: a GPU error ended an earlier run on the fused kernels in this page.',
      ),
    ).toBeVisible();
    await expect(page.getByText(/^Done/)).toBeVisible();
    await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
    await app.screenshot('faults-gpu-error-continued');
  });

  test('divergence: a loss that overflows pauses the run with a message naming the model and step', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu&testHooks');
    await app.setUp({ ...LONG_STUDENTS, teacherEpochs: 20 });
    await app.button('Train').click();
    await expect(app.curve('Loss', 0)).toBeVisible();
    // Adam moves every weight by about the learning rate per step: at 1e30 the logits overflow.
    await inject(page, 'setLearningRate', 1e30);
    const notice = page.getByRole('alert').filter({ hasText: 'training loss became' });
    await expect(notice).toContainText(
      /^The teacher’s training loss became (NaN|Infinity) by step \d+ \(epoch \d+\.\d\d\), with learning rate 1e\+30\. Training is paused there/,
    );
    await expect(page.getByText(/^Paused — Training the teacher/)).toBeVisible();
    // What was drawn before stays; Stop keeps what was trained.
    await expect(app.curve('Loss', 0)).toBeVisible();
    await app.button('Stop').click();
    await expect(page.getByText(/^Stopped/)).toBeVisible();
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

import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

const PERCENT = /^\d{1,3}\.\d{2} %$/;

test.describe('a person distils on Moons with WebGPU', () => {
  test('trains teacher then students, pauses, changes T mid-run, and fills charts and table', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await expect(app.status).toContainText('webgpu');
    await expect(app.status).toContainText(/swiftshader/i);
    await expect(page.getByText('loss = α · T² · KL')).toBeVisible();

    await app.setUp({
      dataset: 'Moons',
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 2,
      studentEpochs: 4,
    });
    await expect(app.network('Teacher')).toHaveAccessibleDescription(
      '2 → 16 → 16 → 2: 354 parameters · 1.4 KB at fp32',
    );
    // Keep training: the students are still training whenever Pause lands; switched off below.
    const keep = page.getByRole('checkbox', { name: 'Keep training' });
    await keep.check();
    await app.button('Train').click();
    await expect(app.button('Train')).toBeDisabled();

    // Pause as soon as the students are training; nothing moves while paused.
    await app.inPhase('students');
    await expect(page.getByRole('list', { name: 'Live training metrics' })).toContainText(
      /Distilled student: loss \d+\.\d{3} · batch \d+\.\d %/,
    );
    await app.button('Pause').click();
    await app.paused();
    const pausedAt = await app.progress.getAttribute('value');
    await expect(app.button('Resume')).toBeEnabled();

    // Move the temperature while the run is paused mid-students: it applies at the next batch.
    await app.nudge('Temperature', 'End');
    await expect(app.slider('Temperature')).toHaveAttribute('aria-valuetext', 'T = 20');
    // The worker announces the pause only after reporting every step before it: nothing moved.
    expect(await app.progress.getAttribute('value')).toBe(pausedAt);
    await app.button('Resume').click();
    await keep.uncheck();

    await app.inPhase('done');
    // The worker marks where it applied the change, on both charts.
    await expect(app.figure('Loss').getByText('T=20 α=0.70')).toBeVisible();
    await expect(app.figure('Test accuracy').getByText('T=20 α=0.70')).toBeVisible();

    // Three curves with real points in each chart.
    for (const chart of ['Loss', 'Test accuracy'] as const) {
      await expect(app.figure(chart).locator('path.recharts-line-curve')).toHaveCount(3);
      for (let i = 0; i < 3; i++) {
        const d = (await app.curve(chart, i).getAttribute('d')) ?? '';
        expect(d.split(/[LC]/).length, `${chart} curve ${i}`).toBeGreaterThan(1);
      }
    }
    await expect(app.figure('Model size')).toContainText('354 params');

    for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
      await expect(app.cell(row, 2)).toHaveText(PERCENT);
    }
    await expect(app.cell('Teacher', 0)).toHaveText('354');
    await expect(app.cell('Distilled student', 0)).toHaveText('22');
    await expect(app.cell('Distilled student', 3)).toHaveText(PERCENT);
    // The gain is tested on the paired test rows: it names its interval and p-value.
    await expect(
      page.getByText(
        /^(Distillation (gained|cost) \d+\.\d points|No difference this run can tell from chance) .*95 % CI .*McNemar p [=<] /,
      ),
    ).toBeVisible();
    await expect(app.progress).toHaveAttribute('value', '1');

    // Latency is measured in the worker once the run is done: positive p50 <= p95 for each model.
    const header = app.table.getByRole('columnheader');
    await expect(header.filter({ hasText: 'Latency p50' })).toBeVisible();
    await expect(header.filter({ hasText: 'Latency p95' })).toBeVisible();
    await expect(
      page.getByText(
        /on webgpu, after 3 warm-up runs.*runs: teacher \d+ · distilled \d+ · scratch \d+/,
      ),
    ).toBeVisible();
    for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
      const p50 = Number.parseFloat((await app.cell(row, 4).textContent()) ?? '');
      const p95 = Number.parseFloat((await app.cell(row, 5).textContent()) ?? '');
      expect(p50, `${row} p50`).toBeGreaterThan(0);
      expect(p95, `${row} p95`).toBeGreaterThanOrEqual(p50);
    }
    await expect(app.figure('Latency').locator('.recharts-bar-rectangle')).toHaveCount(6);
    await app.button('Measure latency').click();
    await expect(app.cell('Teacher', 4)).toHaveText(/^\d+\.\d{2} ms$/);
    await expect(app.button('Measure latency')).toBeEnabled();
    // Energy per prediction, estimated, and what training each model cost, with the sentence.
    for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
      await expect(app.cell(row, 7)).toHaveText(/^≈ [\d.]+.*J.* \/ J$/);
      await expect(app.cell(row, 8)).toHaveText(/^[\d.]+ [kMGT]?FLOP\d+\.\d s≈ /);
    }
    await expect(page.getByTestId('cost-note')).toContainText(
      /^Training the teacher took \d+\.\d s and [\d.]+ [kMGT]?FLOP, [\d.]+× the distilled student's .*estimated, not measured/,
    );
    await app.screenshot('journey-done');
  });

  test('Stop keeps what was trained, and a new run starts cleanly', async ({ page }) => {
    const app = new PlaygroundPage(page);
    // Not about WebGPU: the faster backend. A teacher phase the test always stops before its end.
    await app.open('/?backend=wasm');
    await app.setUp({
      dataset: 'Spiral',
      samples: 5000,
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 200,
      studentEpochs: 2,
    });
    await app.button('Train').click();
    // Let the teacher finish at least one epoch, then stop it.
    await expect(app.cell('Teacher', 2)).toHaveText(PERCENT);
    await app.button('Stop').click();
    await app.inPhase('stopped');
    await expect(app.cell('Teacher', 2)).toHaveText(PERCENT);
    await expect(app.cell('Distilled student', 2)).toHaveText('—');
    // Only the teacher has a curve: Recharts draws no path for an empty series.
    await expect(app.figure('Loss').locator('path.recharts-line-curve')).toHaveCount(1);
    const d = (await app.curve('Loss', 0).getAttribute('d')) ?? '';
    expect(d.split(/[LC]/).length).toBeGreaterThan(1);
    await expect(app.button('Train')).toBeEnabled();
    await app.screenshot('journey-stopped');

    await app.trainToDone({
      dataset: 'Spiral',
      teacher: [8],
      student: [4],
      teacherEpochs: 1,
      studentEpochs: 1,
    });
    await expect(app.cell('Scratch student', 2)).toHaveText(PERCENT);
  });
});

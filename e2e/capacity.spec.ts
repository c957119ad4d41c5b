import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test.describe('how small can the student go', () => {
  test('a capacity sweep after a run: both lines, the teacher, the gain per size and the sentence', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the sweep's arithmetic and its chart, not WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    await app.trainToDone({
      dataset: 'Moons',
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 2,
      studentEpochs: 2,
    });
    const sweep = app.figure('Sweep');
    await sweep.getByRole('radio', { name: 'Student size' }).check();
    await sweep.getByRole('textbox', { name: 'Student networks' }).fill('2, 4, 16x16');
    await sweep.getByRole('spinbutton', { name: 'Epochs per student' }).fill('2');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect(sweep.getByText('3 of 3 networks — done')).toBeVisible();

    // The chart: the distilled and the scratch line, a point and a whisker per network each, and
    // the teacher's accuracy across.
    await expect(sweep.locator('path.recharts-line-curve')).toHaveCount(3);
    await expect(sweep.locator('.recharts-errorBar')).toHaveCount(6);
    await expect(sweep.getByText(/^Teacher \(\d+(\.\d)? %\)$/)).toBeVisible();

    // The table: each network with its parameters (2 inputs, 2 classes), intervals and p.
    const table = sweep.getByRole('table', { name: 'Gain per student size' });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1).getByRole('cell').first()).toHaveText('12');
    await expect(rows.nth(3).getByRole('cell').first()).toHaveText('354');
    await expect(rows.nth(3).getByRole('cell').nth(4)).toHaveText(/^(p < 0\.001|p = [\d.]+)$/);
    await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText(
      /^\d+(\.\d)? % \(\d+(\.\d)? %–\d+(\.\d)? %\)$/,
    );
    await expect(
      sweep.getByText(/^(Distillation helps most at|At no size is the distilled student's gain)/),
    ).toBeVisible();
    await page.mouse.move(0, 0);
    await sweep.screenshot({ path: 'e2e/screenshots/capacity.png' });
  });
});

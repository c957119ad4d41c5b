import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test.describe('transfer to a new task', () => {
  test('a run carried to another task: the table, the sentence, the chart, and the claim it settles', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the transfer's protocol and its views, not WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    await app.trainToDone({
      dataset: 'Moons',
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 2,
      studentEpochs: 2,
    });
    const panel = page.getByRole('region', { name: 'Transfer to a new task' });
    // Only the datasets with Moons's two inputs are offered.
    const target = panel.getByRole('combobox', { name: 'Target task' });
    await expect(target.getByRole('option')).toHaveText([
      'Spiral',
      'Circles',
      'XOR',
      'Gaussian blobs',
    ]);
    await target.selectOption({ label: 'Circles' });
    await panel.getByRole('textbox', { name: 'Target labels' }).fill('5');
    await expect(panel.getByRole('alert')).toHaveText('A whole number of labels from 10, or all.');
    await panel.getByRole('textbox', { name: 'Target labels' }).fill('60');
    await panel.getByRole('spinbutton', { name: 'Transfer epochs' }).fill('2');
    await panel.getByRole('radio', { name: 'Fine-tune (every layer trains)' }).check();
    await panel.getByRole('button', { name: 'Run transfer' }).click();
    await expect(panel.getByText(/epoch 2 of 2 — done/)).toBeVisible();

    const rows = panel.getByRole('table', { name: 'Transfer results' }).getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1).getByRole('rowheader')).toHaveText('Teacher');
    await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText(
      /^[−+]?\d+\.\d \([−+]?\d+\.\d to [−+]?\d+\.\d\)$/,
    );
    await expect(panel.getByTestId('transfer-sentence')).toHaveText(
      /^Starting from the trained weights .* The distilled student adapted/,
    );
    // Two bars per model: from the run's weights and the fresh twin.
    await expect(panel.locator('.recharts-bar-rectangle')).toHaveCount(6);

    // The claim it settles, marked and linked back here.
    const claim = page
      .getByRole('list', { name: 'Claims' })
      .getByRole('listitem')
      .filter({ hasText: 'adapts more readily' });
    await expect(claim).toContainText(/On Circles \(\d+ labels, fine-tune\)/);
    await expect(claim).not.toContainText('Not measured');
    await claim.getByRole('link', { name: 'Transfer to a new task' }).click();
    await expect(panel).toBeFocused();
    await page.mouse.move(0, 0);
    await panel.screenshot({ path: 'e2e/screenshots/transfer.png' });
  });
});

import { expect, test } from './fixtures';
import { blobsCsv, csvFile } from './csv-files';
import { PlaygroundPage } from './playground-page';

test.describe('transfer to a new task', () => {
  test('a repeated run carried to another task, every seed: the table, the sentence, the chart, the claim it settles, kept with the run', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the transfer's protocol and its views, not WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    await app.setUp({
      dataset: 'Moons',
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 2,
      studentEpochs: 2,
    });
    await page.getByRole('spinbutton', { name: 'Repeats' }).fill('2');
    await app.button('Train').click();
    await app.inPhase('done');
    const panel = page.getByRole('region', { name: 'Transfer to a new task' });
    // Only the datasets with Moons's two inputs are offered, and any CSV of that width.
    const target = panel.getByRole('combobox', { name: 'Target task' });
    await expect(target.getByRole('option')).toHaveText([
      'Spiral',
      'Circles',
      'XOR',
      'Gaussian blobs',
      'A CSV file…',
    ]);
    await target.selectOption({ label: 'Circles' });
    await panel.getByRole('textbox', { name: 'Target labels' }).fill('5');
    await expect(panel.getByRole('alert')).toHaveText('A whole number of labels from 10, or all.');
    await panel.getByRole('textbox', { name: 'Target labels' }).fill('60');
    await panel.getByRole('spinbutton', { name: 'Transfer epochs' }).fill('2');
    await panel.getByRole('radio', { name: 'Fine-tune (every layer trains)' }).check();
    await panel.getByRole('button', { name: 'Run transfer' }).click();
    // Both seeds transfer, one after the other: the figures are means over them.
    await expect(panel.getByText(/epoch 4 of 4 · 2 of 2 seeds — done/)).toBeVisible();

    const rows = panel.getByRole('table', { name: 'Transfer results' }).getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1).getByRole('rowheader')).toHaveText('Teacher');
    await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText(
      /^[−+]?\d+\.\d \([−+]?\d+\.\d to [−+]?\d+\.\d\)$/,
    );
    await expect(panel.getByTestId('transfer-sentence')).toHaveText(
      /^Starting from the trained weights .*\(2 seeds, paired t over seeds, Holm-adjusted over 3 models\)\. The distilled student adapted/,
    );
    // Two bars per model: from the run's weights and the fresh twin.
    await expect(panel.locator('.recharts-bar-rectangle')).toHaveCount(6);

    // The claim it settles, marked and linked back here.
    const claim = page
      .getByRole('list', { name: 'Claims' })
      .getByRole('listitem')
      .filter({ hasText: 'adapts more readily' });
    await expect(claim).toContainText(/On Circles \(\d+ labels, fine-tune, 2 seeds\)/);
    await expect(claim).not.toContainText('Not measured');
    await claim.getByRole('link', { name: 'Transfer to a new task' }).click();
    await expect(panel).toBeFocused();
    await page.mouse.move(0, 0);
    await panel.screenshot({ path: 'e2e/screenshots/transfer.png' });

    // The run's record keeps the transfer: after a reload, the restored run shows it and its claim.
    const saved = page
      .getByRole('region', { name: 'Runs' })
      .getByRole('listitem', { name: /seeds 42–43/ });
    await expect(saved).toContainText('carried to Circles');
    const sentence = await panel.getByTestId('transfer-sentence').textContent();
    await page.reload();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect(panel.getByTestId('transfer-sentence')).toHaveText(sentence ?? '');
    await expect(panel.getByText(/transfer to Circles: 2 epochs, fine-tune/)).toBeVisible();
    await expect(claim).toContainText(/On Circles \(\d+ labels, fine-tune, 2 seeds\)/);

    // A person's own CSV as the target: it must have the run's two inputs.
    await target.selectOption({ label: 'A CSV file…' });
    const upload = panel.getByLabel('Target CSV');
    const threeWide = 'a,b,c,label\n' + '1,2,3,x\n2,3,4,y\n'.repeat(40);
    await upload.setInputFiles(csvFile('wide.csv', threeWide));
    await expect(panel.getByRole('alert')).toHaveText(
      'wide.csv has 3 feature columns with "label" as the label; the run\'s models take 2 inputs.',
    );
    await expect(panel.getByRole('button', { name: 'Run transfer' })).toBeDisabled();
    await upload.setInputFiles(csvFile('blobs.csv', blobsCsv(150)));
    await expect(panel.locator('#transfer-csv-note')).toHaveText(/^blobs\.csv: 150 rows/);
    await panel.getByRole('spinbutton', { name: 'Transfer epochs' }).fill('2');
    await panel.getByRole('button', { name: 'Run transfer' }).click();
    // A restored run holds its own seed's models only (the others' weights lived in the page).
    await expect(panel.getByText(/epoch 2 of 2 — done/)).toBeVisible();
    await expect(rows).toHaveCount(4);
    await expect(claim).toContainText(/On blobs\.csv \(\d+ labels, fine-tune\)/);
  });
});

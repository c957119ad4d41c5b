import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';

test('runs and their models are kept across reloads: restore, open, rename, compare, delete', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  // About storage, not WebGPU: the faster backend.
  await app.open('/?backend=wasm');
  await app.trainToDone(TINY_MOONS);
  const accuracy = await app.cell('Distilled student', 2).textContent();
  const runs = page.getByRole('region', { name: 'Runs' });
  const first = runs.getByRole('listitem', { name: 'moons · T 4 · α 0.7 · seed 42' });
  await expect(first).toBeVisible();
  await expect(runs).toContainText(/Storage used by this page: .* of /);

  // After a reload the page offers the last run back: its table, curves and settings return.
  await page.reload();
  await expect(first).toContainText(`distilled ${accuracy?.slice(0, -4) ?? ''}`);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(app.cell('Distilled student', 2)).toHaveText(accuracy ?? '');
  await expect(app.layerField('Student', 1, 'units')).toHaveValue('2');
  await expect(page.getByRole('button', { name: 'Restore' })).toHaveCount(0);
  // Its models come back from IndexedDB: the analysis views work on them again.
  await expect(page.getByRole('table', { name: 'Quantized sizes' })).toBeVisible();
  await expect(app.figure('Soft targets').getByLabel('Teacher entropy')).toBeVisible();
  await expect(app.cell('Distilled student', 4)).toHaveText(/ ms$/);
  await expect(app.curve('Loss', 0)).toHaveAttribute('d', /\d/);

  await first.getByRole('button', { name: 'Rename' }).click();
  await first.getByRole('textbox', { name: 'Run name' }).fill('First try');
  await first.getByRole('button', { name: 'Save name' }).click();
  const renamed = runs.getByRole('listitem', { name: 'First try' });
  await expect(renamed).toBeVisible();

  // Only the temperature changes: the (restored) teacher is reused, only the students train.
  const teacherAccuracy = await app.cell('Teacher', 2).textContent();
  await app.nudge('Temperature', 'End');
  await app.button('Train').click();
  await app.inPhase('done');
  await expect(page.getByText(/^Teacher reused from the previous run/)).toBeVisible();
  await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');

  // A second run (another seed) to compare with.
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await app.button('Train').click();
  await app.inPhase('done');
  const second = runs.getByRole('listitem', { name: 'moons · T 20 · α 0.7 · seed 7' });
  await second.getByRole('checkbox', { name: 'Compare' }).check();
  await renamed.getByRole('checkbox', { name: 'Compare' }).check();
  const compare = runs.getByRole('table', { name: 'Compare runs' });
  await expect(compare.getByRole('row', { name: /^Seed/ })).toContainText(/7.*42|42.*7/);
  await app.screenshot('runs');

  // Opening a listed run works the same way as Restore.
  await renamed.getByRole('button', { name: 'Open' }).click();
  await expect(app.cell('Distilled student', 2)).toHaveText(accuracy ?? '');
  await expect(page.getByRole('table', { name: 'Quantized sizes' })).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete run' }).click();
  await expect(renamed).toHaveCount(0);
  await page.reload();
  await expect(runs.getByRole('listitem')).toHaveCount(2);
});

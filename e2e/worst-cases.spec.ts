import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';
import { WORST_CSVS, WORST_LINKS, WORST_MODEL_FILES } from '../src/test-support/worst-cases';

/**
 * The fuzz families' worst inputs handed to the page itself: a message for each, no page error
 * (the fixture fails on one), the last run's results still shown, and Train still works. Parsing
 * is the same on every backend: wasm, the fastest here.
 */
test('each parser’s worst inputs get a message on the page, and nothing trained is lost', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open('/?backend=wasm');
  await app.trainToDone(TINY_MOONS);
  const accuracy = (await app.cell('Teacher', 2).textContent()) ?? '';
  const dataset = page.getByRole('combobox', { name: 'Dataset' });
  const kept = async () => {
    await expect(app.cell('Teacher', 2)).toHaveText(accuracy);
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  };

  // What the page says of each (papaparse's own reading of the file comes first there).
  const said: Record<string, RegExp> = {
    'binary.csv': /^Only 2 data rows/,
    'overflow.csv': /^Row 2, column "x": 1e309 is too large\.$/,
    'quote.csv': /^Row 2: Quoted field unterminated\.$/,
    'header-only.csv': /^Only 1 data row/,
  };
  const csvNote = page.locator('#csv-note');
  for (const { name, text } of WORST_CSVS) {
    await page.getByLabel('Upload CSV').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    await expect(csvNote).toHaveText(said[name] ?? /^$/);
    await expect(csvNote).toHaveAttribute('role', 'alert');
    await expect(dataset).toHaveValue('moons');
    await kept();
  }

  const note = page.locator('#teacher-file-note');
  for (const { json, files } of WORST_MODEL_FILES) {
    await page.getByLabel('Import teacher').setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(json) },
      ...files.map((f) => ({
        name: f.name,
        mimeType: 'application/octet-stream',
        buffer: Buffer.alloc(f.size),
      })),
    ]);
    await expect(note).toHaveAttribute('role', 'alert');
    await expect(note).toHaveText(/^model\.json (declares|is not valid JSON)|^A weights manifest/);
    await expect(page.getByTestId('imported-teacher')).toHaveCount(0);
    await kept();
  }

  const notice = page.getByRole('alert').filter({ hasText: 'Some settings in the link' });
  for (const hash of WORST_LINKS) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await expect(notice).toBeVisible();
    await kept();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  }

  // The page still trains: the tiny run again.
  await app.trainToDone(TINY_MOONS);
  await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  await app.screenshot('worst-cases');
});

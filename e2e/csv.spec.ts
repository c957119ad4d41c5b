import { expect, test } from './fixtures';
import { blobsCsv, csvFile as file } from './csv-files';
import { PlaygroundPage } from './playground-page';

test('a person trains on their own CSV; a bad file or label column is named and changes nothing', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  // Not about WebGPU: the faster backend.
  await app.open('/?backend=wasm');
  const upload = page.getByLabel('Upload CSV');
  const dataset = page.getByRole('combobox', { name: 'Dataset' });
  const note = page.locator('#csv-note');

  await upload.setInputFiles(file('blobs.csv', blobsCsv(150)));
  await expect(page.getByRole('combobox', { name: 'Label column' })).toHaveValue('2');
  await expect(note).toHaveText(
    /^blobs\.csv: 150 rows, 2 numeric features, 3 classes in "species"\./,
  );
  await expect(dataset).toHaveValue('csv');
  await app.trainToDone({
    dataset: 'blobs.csv',
    teacher: [16],
    student: [3],
    teacherEpochs: 3,
    studentEpochs: 3,
  });
  await expect(
    page.getByText(/Loaded blobs\.csv: 120 train \/ 30 test, 2 features, 3 classes/),
  ).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Decision boundary — teacher' })).toBeVisible();
  const accuracy = await app.cell('Teacher', 2).textContent();

  // A bad file: the message names row and column; the loaded dataset and results stay.
  await upload.setInputFiles(file('broken.csv', blobsCsv(150, { row: 7, text: '0.5,n/a,setosa' })));
  await expect(page.getByRole('alert')).toHaveText('Row 7, column "x2": "n/a" is not a number.');
  await expect(dataset).toHaveValue('csv');
  await expect(dataset.getByRole('option', { name: 'blobs.csv' })).toHaveCount(1);
  await expect(app.cell('Teacher', 2)).toHaveText(accuracy ?? '');

  // A ragged file and an empty one are refused before any label is chosen.
  await upload.setInputFiles(file('ragged.csv', blobsCsv(150, { row: 40, text: '1,2' })));
  await expect(page.getByRole('alert')).toHaveText('Row 40 has 2 cells where row 1 has 3.');
  await upload.setInputFiles(file('empty.csv', ''));
  await expect(page.getByRole('alert')).toHaveText('The file is empty.');

  // A good file is accepted with its last column as the label; a wrong label column is named
  // and leaves it as it was.
  await upload.setInputFiles(file('again.csv', blobsCsv(150)));
  await expect(note).toHaveText(/^again\.csv: 150 rows/);
  await page.getByRole('combobox', { name: 'Label column' }).selectOption({ label: 'x1' });
  await expect(page.getByRole('alert')).toHaveText(
    /^Row 2, column "species": "setosa" is not a number\.$/,
  );
  await expect(dataset.getByRole('option', { name: 'again.csv' })).toHaveCount(1);
  await app.screenshot('csv');
});

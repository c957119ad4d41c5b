import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

// Fashion-MNIST end to end on wasm (the views and the data, not WebGPU): the shipped file loads
// when chosen, the classes are named, the Class similarity view follows the Temperature slider, and
// the trained models carry over to the other image set.
test('Fashion-MNIST trains; its classes are named; Class similarity follows the temperature; its models transfer to MNIST', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await app.open('/?backend=wasm');
  // MNIST is the default: the 9.4 MB garment file is fetched only once it is chosen and trained.
  await app.trainToDone({
    dataset: 'Fashion-MNIST',
    teacher: [32],
    student: [8],
    teacherEpochs: 1,
    studentEpochs: 1,
  });
  expect(requested.filter((p) => p.endsWith('/data/fashion-mnist.bin'))).toHaveLength(1);
  expect(requested.filter((p) => p.endsWith('/data/mnist.bin'))).toHaveLength(0);
  await expect(page.getByText(/^Loaded Fashion-MNIST: 10,000 train \/ 2,000 test/)).toBeVisible();
  await expect(page.getByText(/Zalando Research/)).toBeVisible();

  // Names, not numbers: the per-class table beside the confusion matrix, and its hover line.
  const confusion = app.figure('Confusion matrix');
  await expect(confusion.getByRole('rowheader', { name: 'Ankle boot' })).toBeVisible();
  await expect(confusion.getByRole('rowheader', { name: 'T-shirt/top' })).toBeVisible();
  await confusion.getByRole('img').focus();
  await expect(
    confusion.getByText(/^True T-shirt\/top → predicted T-shirt\/top: \d+ of \d+/),
  ).toBeVisible();
  // No drawing pad: it draws digits.
  await expect(page.getByRole('region', { name: 'Draw a digit' })).toHaveCount(0);

  // Class similarity: the teacher's pairs at T, the student's distance; both move with T.
  const similarity = app.figure('Class similarity');
  const summary = similarity.getByText(/^The teacher at T = \d+ finds these most alike: /);
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(/ ↔ /);
  await expect(summary).toContainText(
    /Distilled student’s map is \d\.\d{3} from the teacher’s \(one run, on its 2,000 test samples\)/,
  );
  await expect(similarity.getByRole('img')).toHaveCount(2);
  const before = await summary.textContent();
  await app.nudge('Temperature', 'Home');
  await expect(summary).toContainText('at T = 1 ');
  expect(await summary.textContent()).not.toBe(before);

  // The comparison names where the distilled student gained or lost, with intervals.
  await expect(page.getByTestId('per-class-gain')).toHaveText(
    /^(Compared class by class, Distilled student (gained|lost) most on .+95 % CI .+Holm p .+\.|Distilled student and Scratch student are equally accurate on every class\.)$/,
  );
  // And the cost of a prediction: multiply–adds, 784·32 + 32·10 for the teacher.
  await expect(app.cell('Teacher', 6)).toHaveText('25,408');
  await app.screenshot('fashion-mnist-analysis');
  await similarity.screenshot({ path: 'e2e/screenshots/class-similarity.png' });

  // Transfer to the other image set: MNIST is the one task with the same 784 inputs.
  const transfer = page.getByRole('region', { name: 'Transfer to a new task' });
  const target = transfer.getByRole('combobox', { name: 'Target task' });
  await expect(target.getByRole('option')).toHaveText(['MNIST digits', 'A CSV file…']);
  await transfer.getByRole('textbox', { name: 'Target labels' }).fill('100');
  await transfer.getByRole('spinbutton', { name: 'Transfer epochs' }).fill('1');
  await transfer.getByRole('button', { name: 'Run transfer' }).click();
  await expect(transfer.getByText(/epoch 1 of 1 — done/)).toBeVisible();
  const rows = transfer.getByRole('table', { name: 'Transfer results' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText(/^\d+\.\d %$/);
  await expect(transfer.getByTestId('transfer-sentence')).toContainText('Holm-adjusted over 3');
  expect(requested.filter((p) => p.endsWith('/data/mnist.bin'))).toHaveLength(1);
});

import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';

// Not about WebGPU: these journeys run on wasm, several times faster here.

test('a repeated run shows each model’s mean ± 95 % CI, a band per curve and a tested gain', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open('/?backend=wasm');
  await app.setUp({ ...TINY_MOONS, teacherEpochs: 2, studentEpochs: 2 });
  await page.getByRole('spinbutton', { name: 'Repeats' }).fill('3');
  await expect(page).toHaveURL(/&r=3/);
  await app.button('Train').click();
  await app.inPhase('done');

  for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
    await expect(app.cell(row, 2)).toHaveText(/^\d+\.\d\d % ± \d+\.\d\d$/);
  }
  await expect(page.getByText(/^Accuracies are means over 3 seeds \(42, 43, 44\)/)).toBeVisible();
  const chart = app.figure('Test accuracy');
  // A band and each seed's final point for every model.
  await expect(chart.locator('.seed-band')).toHaveCount(3);
  await expect(chart.locator('.seed-band path.recharts-area-area').first()).toHaveAttribute(
    'd',
    /\d/,
  );
  await expect(chart.locator('.seed-finals .recharts-symbols')).toHaveCount(9);
  await expect(page.getByTestId('gain').first()).toHaveText(
    /^(Across 3 seeds, distillation (gained|cost) \d+\.\d points on average|No difference 3 seeds can tell from chance) .*95 % CI [−+]?\d+\.\d to [−+]?\d+\.\d.* paired t-test over 3 seeds, p [=<] \d/,
  );
  const runs = page.getByRole('region', { name: 'Runs' });
  await expect(
    runs.getByRole('listitem', { name: 'moons · T 4 · α 0.7 · seeds 42–44' }),
  ).toBeVisible();
  // Any seed's models can be studied: the worker rebuilds them and the analysis follows.
  await page.getByRole('combobox', { name: 'Models of seed' }).selectOption('44');
  await expect(
    page.getByText(/The lens, confusion matrix, exports and latency study seed 44 /),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Quantized sizes' })).toBeVisible();
  await expect(app.cell('Distilled student', 4)).toHaveText(/ ms$/);
  await app.screenshot('repeats');
});

test('students identical by construction (α = 0, transfer set off) are reported as no difference', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open('/?backend=wasm');
  await app.setUp(TINY_MOONS);
  await app.nudge('Alpha', 'Home');
  await page.getByRole('checkbox', { name: 'Transfer set' }).uncheck();
  await app.button('Train').click();
  await app.inPhase('done');
  await expect(page.getByTestId('gain').first()).toHaveText(
    /^No difference this run can tell from chance \(0\.0 points, 95 % CI −\d\.\d to \+\d\.\d, McNemar p = 1\.00 on 200 paired test rows\)\.$/,
  );
  await expect(app.cell('Distilled student', 2)).toHaveText(
    (await app.cell('Scratch student', 2).textContent()) ?? '',
  );
});

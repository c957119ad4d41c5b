import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test.describe('distillation methods', () => {
  test('"Is it the teacher or just smoothing?" trains KD, label smoothing and scratch side by side', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const app = new PlaygroundPage(page);
    // Not about WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    // By value: its Fashion-MNIST twin has the same label.
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('teacher-or-smoothing');
    const list = page.getByRole('list', { name: 'Students' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    const smoothing = page.getByRole('group', { name: 'Label smoothing' });
    await expect(smoothing.getByRole('combobox', { name: 'Learns from' })).toHaveValue('ls');
    await expect(smoothing.getByRole('spinbutton', { name: 'ε' })).toHaveValue('0.1');
    await expect(page).toHaveURL(/&r=3&stu=kd:name=KD,ls:name=Label\+smoothing:eps=0\.1,scratch/);
    // The preset's students and seeds on small networks, so the three seeds take seconds here.
    await app.setUp({
      dataset: 'MNIST digits',
      teacher: [32],
      student: [8],
      teacherEpochs: 1,
      studentEpochs: 2,
      batchSize: 256,
    });
    await app.button('Train').click();
    await expect(app.phase).toHaveAttribute('data-phase', 'done', { timeout: 200_000 });

    for (const name of ['Teacher', 'KD', 'Label smoothing', 'Scratch']) {
      await expect(app.table.getByRole('rowheader', { name, exact: true })).toBeVisible();
    }
    // Every model's curve (the one-epoch teacher's accuracy is a single point, not a line).
    await expect(app.figure('Loss').locator('path.recharts-line-curve')).toHaveCount(4);
    for (const figure of ['Loss', 'Test accuracy'] as const) {
      const legend = app.figure(figure).locator('.recharts-legend-wrapper');
      for (const name of ['KD', 'Label smoothing', 'Scratch'])
        await expect(legend).toContainText(name);
    }
    // The question the preset asks, answered with its uncertainty.
    await expect(
      page.getByTestId('gain').filter({ hasText: /KD vs Label smoothing: .*McNemar/ }),
    ).toHaveCount(1);
    // What each method computes, and its settings in the libraries people use.
    await page.getByText('Conventions: what each method computes').click();
    await expect(page.getByRole('region', { name: 'Label smoothing conventions' })).toContainText(
      'label_smoothing=ε',
    );
    await expect(page.getByRole('region', { name: 'KD (Hinton) conventions' })).toContainText(
      'their α = 1 − our α',
    );
    await app.screenshot('teacher-or-smoothing');
  });

  test('the ε slider moves the label-smoothing student mid-run; the link carries the change from where it began', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open(
      '/?backend=wasm#d=moons&t=8&s=2&te=1&se=60&stu=kd,ls:name=LS:eps=0.1,scratch&sl=LS',
    );
    // A label-smoothing student holds its own T and α: those sliders are off; its ε is live.
    await expect(app.slider('Temperature')).toBeDisabled();
    await expect(app.slider('Epsilon')).toHaveAttribute('aria-valuetext', 'ε = 0.1');
    // Keep training: the run cannot end before the Pause click lands (in CI, beside another
    // browser, a 60-epoch student phase once did), so the change is made mid-run every time.
    await page.getByRole('checkbox', { name: 'Keep training' }).check();
    await app.button('Train').click();
    await app.inPhase('students');
    await app.button('Pause').click();
    await app.paused();
    await app.nudge('Epsilon', 'End');
    await app.button('Resume').click();
    const marks = app.figure('Loss').locator('.settings-mark');
    await expect(marks).toHaveCount(1);
    await expect(marks).toContainText('ε=0.99');
    await app.button('Stop').click();
    await app.inPhase('stopped');
    // The student's own ε is where the slider left it; the schedule starts from where it began.
    const group = page.getByRole('group', { name: 'LS' });
    await expect(group.getByRole('spinbutton', { name: 'ε' })).toHaveValue('0.99');
    expect(page.url()).toMatch(/&sch=0:4:0\.7:0\.001:0\.1,\d+:4:0\.7:0\.001:0\.99/);
    await app.screenshot('epsilon-slider');
  });

  test('DKD on two classes is refused with the reason, and nothing trains', async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=wasm');
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Moons' });
    await page
      .getByRole('group', { name: 'Distilled' })
      .getByRole('combobox', { name: 'Learns from' })
      .selectOption('dkd');
    await expect(
      page.getByRole('alert').filter({ hasText: 'DKD needs at least 3 classes' }),
    ).toBeVisible();
    // Train stays disabled while the list holds a student that cannot train here.
    await expect(app.button('Train')).toBeDisabled();
  });
});

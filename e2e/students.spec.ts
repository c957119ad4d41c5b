import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';

/** Every model's test accuracy as the table shows it, by row name. */
async function accuracies(app: PlaygroundPage): Promise<Record<string, string>> {
  const rows = app.table.getByRole('row');
  const out: Record<string, string> = {};
  for (let i = 1; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const name = (await row.getByRole('rowheader').textContent()) ?? '';
    out[name] = (await row.getByRole('cell').nth(2).textContent()) ?? '';
  }
  return out;
}

async function trainToDone(app: PlaygroundPage): Promise<void> {
  await app.button('Train').click();
  await app.inPhase('done');
}

const NAMES = ['Teacher', 'Distilled', 'Scratch', 'Hot', 'Wide scratch'];

test.describe('many students', () => {
  test('four students train side by side, each shown everywhere, and their link trains them again', async ({
    page,
    context,
  }) => {
    const app = new PlaygroundPage(page);
    // Not about WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    await app.setUp({ ...TINY_MOONS, samples: 200, teacherEpochs: 2, studentEpochs: 2 });

    const add = page.getByRole('button', { name: 'Add student', exact: true });
    await add.click();
    await add.click();
    const list = page.getByRole('list', { name: 'Students' });
    await expect(list.getByRole('listitem')).toHaveCount(4);
    await page.getByRole('group', { name: 'Student 3' }).getByLabel('Name').fill('Hot');
    const hot = page.getByRole('group', { name: 'Hot' });
    await hot.getByRole('spinbutton', { name: 'Own T' }).fill('8');
    await hot.getByRole('spinbutton', { name: 'Own α' }).fill('0.9');
    await page.getByRole('group', { name: 'Student 4' }).getByLabel('Name').fill('Wide scratch');
    const wide = page.getByRole('group', { name: 'Wide scratch' });
    await wide.getByRole('combobox', { name: 'Learns from' }).selectOption('scratch');
    await wide.getByRole('textbox', { name: 'Hidden layers' }).fill('6');
    await expect(page).toHaveURL(
      /&stu=kd:name=Distilled,scratch:name=Scratch,kd:name=Hot:T=8:alpha=0\.9,scratch:name=Wide\+scratch:hidden=6$/,
    );
    await expect(page.getByText(/The T and α sliders act on Distilled;/)).toBeVisible();
    // Hot holds its own T and α: Distilled is the only student the sliders can move.
    const chooser = page.getByRole('combobox', { name: 'Sliders act on' });
    await expect(chooser).toHaveValue('Distilled');
    await expect(chooser).toBeDisabled();

    await trainToDone(app);
    // Every model in the table, with its own size: the wide scratch student is 2-6-2.
    await expect(app.table.getByRole('row')).toHaveCount(1 + NAMES.length);
    const wideRow = app.table.getByRole('row', { name: /^Wide scratch/ });
    await expect(wideRow.getByRole('cell').first()).toHaveText(String(2 * 6 + 6 + 6 * 2 + 2));
    // …in both curves' legends, each with its line…
    for (const figure of ['Loss', 'Test accuracy'] as const) {
      const legend = app.figure(figure).locator('.recharts-legend-wrapper');
      for (const name of NAMES) await expect(legend).toContainText(name);
      await expect(app.figure(figure).locator('path.recharts-line-curve')).toHaveCount(5);
    }
    // …in the live readout, the latency chart and the decision boundaries.
    const readout = page.getByRole('list', { name: 'Live training metrics' });
    for (const name of NAMES) await expect(readout).toContainText(`${name}:`);
    await expect(page.getByRole('figure', { name: 'Decision boundary — hot' })).toBeVisible();
    // Two KD students against one scratch twin: two tests, Holm-adjusted and said so.
    await expect(
      page.getByTestId('gain').filter({ hasText: /^Distilled vs Scratch: / }),
    ).toHaveCount(1);
    await expect(
      page.getByTestId('gain').filter({ hasText: /^Hot vs Scratch: .*Holm-adjusted p/ }),
    ).toHaveCount(1);
    await expect(
      page.getByTestId('gain').filter({ hasText: "adjusted with Holm's method" }),
    ).toHaveCount(1);
    const first = await accuracies(app);
    expect(Object.keys(first)).toEqual(NAMES);
    await app.screenshot('four-students');

    // The link holds the list: a fresh page trains the same five models to the same numbers.
    const again = await context.newPage();
    const other = new PlaygroundPage(again);
    await other.open(page.url());
    await expect(again.getByRole('list', { name: 'Students' }).getByRole('listitem')).toHaveCount(
      4,
    );
    await trainToDone(other);
    expect(await accuracies(other)).toEqual(first);
  });

  test('the students list keeps between 2 and 8 students', async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=wasm');
    const add = page.getByRole('button', { name: 'Add student', exact: true });
    for (let i = 0; i < 6; i++) await add.click();
    await expect(page.getByRole('list', { name: 'Students' }).getByRole('listitem')).toHaveCount(8);
    await expect(add).toBeDisabled();
    for (const name of [
      'Student 8',
      'Student 7',
      'Student 6',
      'Student 5',
      'Student 4',
      'Student 3',
    ]) {
      await page.getByRole('button', { name: `Remove ${name}` }).click();
    }
    await expect(page.getByRole('button', { name: 'Remove Scratch' })).toBeDisabled();
    // Back to the default pair: the link carries no list.
    await expect(page).not.toHaveURL(/stu=/);
  });
});

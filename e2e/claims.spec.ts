import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test.describe('claims, checked', () => {
  test('after a run, every claim has a mark and its figures, and its link lands on its panel', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the panel's reading of a run, not WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    const panel = page.getByRole('region', { name: 'Claims, checked' });
    await expect(panel).toContainText('Train a run to the end');
    await app.trainToDone({
      dataset: 'Moons',
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 2,
      studentEpochs: 2,
    });
    // Latency is measured after the run: the "faster" claim waits for it.
    await expect(app.cell('Teacher', 4)).toHaveText(/ms$/);
    const claims = panel.getByRole('list', { name: 'Claims' }).getByRole('listitem');
    await expect(claims).toHaveCount(7);
    const mark =
      /^. (Supported|Contradicted|Not distinguishable from noise|Not measured in this run)/;
    for (let i = 0; i < 7; i++) await expect(claims.nth(i)).toHaveText(mark);
    const claim = (name: string) => claims.filter({ hasText: name });
    // Moons: 2-16-16-2 against 2-4-2.
    await expect(claim('The student is smaller')).toContainText(
      '✓ SupportedThe student is smaller. 22 parameters',
    );
    await expect(claim('The student is smaller')).toContainText(/354 .*: 16× fewer/);
    await expect(claim('The student is faster')).toContainText(/One row in [\d.]+ ms \(p50/);
    await expect(claim('less energy')).toContainText(/J per prediction .* an estimate/);
    await expect(claim('expensive to train')).toContainText(/FLOP .*× the distilled student's/);
    await expect(claim('misses some')).toContainText(/McNemar p/);
    await expect(claim('adapts more readily')).toContainText(
      /Not measured in this run.* To measure it: Run transfer, under Transfer to a new task/,
    );

    // A link lands on its panel, and the page's link (the URL's hash) stays the run's.
    const hash = await page.evaluate(() => location.hash);
    await claim('The student is faster').getByRole('link', { name: 'Latency' }).click();
    const latency = app.figure('Latency');
    await expect(latency).toBeFocused();
    await expect(latency).toBeInViewport();
    await claim('The student is smaller').getByRole('link', { name: 'Teacher vs student' }).click();
    await expect(page.getByRole('region', { name: 'Teacher vs student' })).toBeFocused();
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    await panel.screenshot({ path: 'e2e/screenshots/claims.png' });
  });
});

import { KERNEL_CHOICES, expect, selfCheckKeyOf, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

// A first visit: the fused kernels are checked against tfjs's on this GPU before they train.
test.use({ gpuCheckedBefore: false });

// The default preset (MNIST; teacher with two dropout-0.3 layers, student 784-32-10) on the fused
// WGSL kernels, at one epoch each and with the teacher's layers 64 wide instead of 512:
// SwiftShader trains a few hundred 512-wide teacher samples a second, so the preset's own teacher
// would take most of this spec's time for nothing the kernels' unit tests (Node, Dawn) don't check
// at that width.
test('the default preset, narrowed, trains on the fused WebGPU kernels and fills the table', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const app = new PlaygroundPage(page);
  // ?tune: this build (end-to-end) tunes the kernels only when asked.
  await app.open('/?backend=webgpu&tune');
  await app.setLayers('Teacher', [64, 64]);
  await page.getByRole('spinbutton', { name: 'Teacher epochs' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('1');
  await app.button('Train').click();
  await expect(app.status.first()).toContainText('Backend: webgpu, fused kernels', {
    timeout: 60_000,
  });
  // The matmul variants timed on this adapter before the first step, said on the page.
  await expect(
    page.getByText(/^Fused kernels tuned for this GPU: \d+ of \d+ matmul shapes? in/),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(app.phase).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
    await expect(app.cell(row, 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  }
  // Trained networks, not chance (10 %): one epoch of the teacher on 8,000 digits, and students
  // that learned from it (agreement with the teacher is the cell after accuracy).
  const percent = async (row: 'Teacher' | 'Distilled student', column: number) =>
    Number.parseFloat((await app.cell(row, column).textContent()) ?? '');
  expect(await percent('Teacher', 2)).toBeGreaterThan(80);
  expect(await percent('Distilled student', 3)).toBeGreaterThan(50);
  // The pass is kept for the next visit, under the key the other specs seed (fixtures.ts).
  const kept = await page.evaluate((key) => localStorage.getItem(key), KERNEL_CHOICES);
  const key = await selfCheckKeyOf(browser, baseURL ?? '');
  expect(key).not.toBeNull();
  expect(JSON.parse(kept ?? '{}')).toMatchObject({ [key ?? '']: 'passed' });
  await app.screenshot('fused-default-preset');
});

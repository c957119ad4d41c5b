import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

// The default preset's networks (MNIST, teacher 784-512-512-10 with dropout 0.3, student
// 784-32-10) on the fused WGSL kernels, at one epoch each: SwiftShader trains about 140 teacher
// samples a second, so the preset's full five teacher epochs would take minutes here.
test('the default preset trains on the fused WebGPU kernels and fills the table', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole('spinbutton', { name: 'Teacher epochs' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('1');
  await app.button('Train').click();
  await expect(app.status.first()).toContainText('Backend: webgpu, fused kernels', {
    timeout: 60_000,
  });
  await expect(page.getByText(/^Done/)).toBeVisible({ timeout: 240_000 });
  for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
    await expect(app.cell(row, 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  }
  // Trained networks, not chance (10 %): one epoch of the teacher on 8,000 digits, and students
  // that learned from it (agreement with the teacher is the cell after accuracy).
  const percent = async (row: 'Teacher' | 'Distilled student', column: number) =>
    Number.parseFloat((await app.cell(row, column).textContent()) ?? '');
  expect(await percent('Teacher', 2)).toBeGreaterThan(80);
  expect(await percent('Distilled student', 3)).toBeGreaterThan(50);
  await app.screenshot('fused-default-preset');
});

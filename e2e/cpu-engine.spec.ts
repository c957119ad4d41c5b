import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

// The fused CPU engine (issue 35): on wasm, the default preset — MNIST, a 784-512-512-10 teacher
// with dropout, five epochs, ten for the students — trains end to end on the fused WebAssembly
// kernels, on the pool of threads the page can share memory with, and the status says so.
test('on wasm, the default preset trains end to end on the fused CPU engine', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('/?backend=wasm');
  await app.button('Train').click();
  await expect(app.status).toContainText(/Backend: wasm, fused wasm kernels — \d+ threads?/, {
    timeout: 60_000,
  });
  await expect(app.phase).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  // Far above chance (10 %) after five epochs; the students measured too.
  const teacher = parseFloat((await app.cell('Teacher', 2).textContent()) ?? '0');
  expect(teacher).toBeGreaterThan(85);
  for (const row of ['Distilled student', 'Scratch student'] as const) {
    await expect(app.cell(row, 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  }
  await expect(page.getByText('not the fused ones')).toHaveCount(0);
  await app.screenshot('cpu-engine');
});

// Conv blocks too: the CNN teacher preset (two conv blocks and a dense layer), one epoch each, on
// wasm — where tfjs's own kernels cannot train a conv block (no Conv2DBackpropFilter).
test('on wasm, the CNN teacher preset trains on the fused CPU engine', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open('/?backend=wasm');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'CNN teacher' });
  await expect(app.network('Teacher')).toHaveAccessibleDescription(
    /^28×28 → conv8 3×3 → conv16 3×3 → 64 → 10: /,
  );
  await page.getByRole('spinbutton', { name: 'Teacher epochs' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('1');
  await app.button('Train').click();
  await expect(app.status).toContainText(/Backend: wasm, fused wasm kernels — \d+ threads?/, {
    timeout: 60_000,
  });
  await expect(app.phase).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  // One epoch of a CNN on real digits: far above chance (10 %).
  const teacher = parseFloat((await app.cell('Teacher', 2).textContent()) ?? '0');
  expect(teacher).toBeGreaterThan(80);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await app.screenshot('cpu-engine-cnn');
});

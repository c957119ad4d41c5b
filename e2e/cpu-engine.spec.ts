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

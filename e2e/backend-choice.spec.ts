import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test('auto measures the backends once, says why it chose, and a person can override it', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open('/');
  // On SwiftShader the fused WebGPU kernels and single-threaded wasm are close (webgpu won by
  // 1.2× in one CI run, wasm in earlier ones): either may win; the reason names both.
  // Each named with the engine it was measured on: "wasm (fused CPU engine)", "webgpu (fused kernels)".
  const reason =
    /auto: (\w+) \(fused [^)]+\) trains \d+\.\d× faster here than (\w+) \(fused [^)]+\)(, which this browser runs in software)?/;
  await expect(app.status).toContainText(reason);
  const [, winner, loser, software] = reason.exec((await app.status.textContent()) ?? '') ?? [];
  expect(winner).not.toBe(loser);
  // Software WebGPU that loses is called what it is.
  if (loser === 'webgpu') expect(software).toBeDefined();
  await expect(app.status).not.toContainText('earlier visit');

  await page.reload();
  await expect(app.status).toContainText('(measured on an earlier visit)');

  const picker = page.getByRole('combobox', { name: 'Backend' });
  await expect(picker).toHaveValue('auto');
  await picker.selectOption('wasm');
  await expect(app.status).toContainText('Backend: wasm');
  await expect(app.status).not.toContainText('auto:');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveValue('wasm');
  await expect(app.status).toContainText('Backend: wasm');
  await app.screenshot('backend-choice');
});

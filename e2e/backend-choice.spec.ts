import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test('auto measures the backends once, says why it chose, and a person can override it', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open('/');
  // On SwiftShader a CPU-side backend wins; the reason compares it with software WebGPU.
  await expect(app.status).toContainText(
    /auto: (webgl|wasm) trains \d+\.\d× faster here than webgpu, which this browser runs in software/,
  );
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

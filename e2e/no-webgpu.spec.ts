import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test('without a WebGPU adapter the page says so, falls back, and still trains', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open('/');
  // Auto picks among the backends that start; WebGPU is not one of them. The engine each was
  // measured on may follow its name ('wasm (fused CPU engine) trains …').
  await expect(app.status).toContainText(
    /Backend: (webgl|wasm).*auto: (webgl|wasm)( \([^)]+\))? (trains|is the only)/,
  );
  await expect(app.status).not.toContainText('webgpu');
  const banner = page.getByRole('alert').filter({ hasText: 'WebGPU is not available here' });
  await expect(banner).toContainText('no GPU adapter is available');
  await app.trainToDone({
    dataset: 'XOR',
    teacher: [8],
    student: [2],
    teacherEpochs: 1,
    studentEpochs: 1,
  });
  await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  await app.screenshot('no-webgpu');
});

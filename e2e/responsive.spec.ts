import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

/**
 * Records, on the page's own clock, how long the Pause button's pointerdown waited for the main
 * thread (the event's timestamp is when the browser received it) and when the page first said
 * "Paused".
 */
async function watchPause(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { inputDelay: NaN, down: NaN, paused: NaN };
    (window as unknown as { pauseTiming: typeof seen }).pauseTiming = seen;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause');
    button?.addEventListener(
      'pointerdown',
      (event) => {
        seen.down = event.timeStamp;
        seen.inputDelay = performance.now() - event.timeStamp;
      },
      { once: true },
    );
    const observer = new MutationObserver(() => {
      if (Number.isNaN(seen.paused) && /Paused — /.test(document.body.innerText)) {
        seen.paused = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test('a click lands at once while three students train on the fused SwiftShader kernels', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  // The slowest adapter: WebGPU in software, which the page's own rendering shares. MNIST, so a
  // step holds the device for a while (and no decision-boundary maps, which hold it longer: see
  // docs/architecture.md); Keep training, so the run is still going when Pause lands.
  await app.open(
    '/?backend=webgpu#d=mnist&t=32&s=16&te=1&se=1&bs=128&stu=kd,ls:name=LS:eps=0.1,scratch',
  );
  await page.getByRole('checkbox', { name: 'Keep training' }).check();
  await app.button('Train').click();
  await expect(app.status).toContainText('fused kernels');
  await expect(page.getByTestId('phase').first()).toHaveAttribute('data-phase', 'students');
  await watchPause(page);
  await app.button('Pause').click();
  await app.paused();
  const timing = await page.evaluate(
    () => (window as unknown as { pauseTiming: Record<string, number> }).pauseTiming,
  );
  const inputDelay = timing.inputDelay ?? NaN;
  const toPaused = (timing.paused ?? NaN) - (timing.down ?? NaN);
  test.info().annotations.push({
    type: 'pause',
    description: `input delay ${inputDelay.toFixed(0)} ms, Paused shown ${toPaused.toFixed(0)} ms after the click`,
  });
  expect(inputDelay).toBeLessThan(200);
  expect(toPaused).toBeLessThan(1000);
  await app.button('Stop').click();
  await expect(page.getByTestId('phase').first()).toHaveAttribute('data-phase', 'stopped');
});

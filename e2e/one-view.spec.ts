import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SETTLE_MS } from '../src/state/resting-change-store';
import { PlaygroundPage } from './playground-page';

// The core loop's layout and accessibility. Not about WebGPU: wasm, several times faster here.
const MOONS = '/?backend=wasm#d=moons&t=8&s=2&te=1';

async function noViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

test.describe('at 1280 × 800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('sliders, Stop and the Loss chart share one screen; a burst of key presses is one mark', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open(`${MOONS}&se=200&n=2000`);
    await noViolations(page);
    // Keep training: the run is still going whenever the presses land.
    await page.getByRole('checkbox', { name: 'Keep training' }).check();
    await app.button('Train').click();
    await app.inPhase('students');
    // Focus went from Train (now disabled) to Pause.
    await expect(app.button('Pause')).toBeFocused();

    await expect(app.figure('Loss')).toBeInViewport({ ratio: 1 });
    await expect(app.figure('Test accuracy')).toBeInViewport({ ratio: 1 });
    await expect(app.slider('Temperature')).toBeInViewport({ ratio: 1 });
    await expect(app.slider('Alpha')).toBeInViewport({ ratio: 1 });
    await expect(app.button('Stop')).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('list', { name: 'Live training metrics' })).toBeInViewport();

    const slider = app.slider('Temperature');
    await slider.focus();
    // When the page handled each press: on a loaded machine two presses may land more than a
    // settle interval apart, and then they may rightly be two changes (or still one, when the
    // page's settle timer itself fires late). A burst without such a rest is always one.
    await slider.evaluate((el) => {
      const times: number[] = [];
      (window as unknown as { pressTimes: number[] }).pressTimes = times;
      el.addEventListener('keydown', () => times.push(performance.now()));
    });
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveAttribute('aria-valuetext', 'T = 9');
    const times = await page.evaluate(
      () => (window as unknown as { pressTimes: number[] }).pressTimes,
    );
    const rests = times.filter((t, i) => i > 0 && t - (times[i - 1] ?? t) > SETTLE_MS).length;
    // The last change is applied once the link's schedule ends at T = 9; by then every mark has
    // arrived (marks and schedule come from the same messages). One mark a change.
    await expect(page).toHaveURL(
      /&sch=0:4:0\.7:0\.001,(\d+:[\d.]+:0\.7:0\.001,)*\d+:9:0\.7:0\.001$/,
    );
    const changes =
      (new URL(page.url()).hash.match(/sch=([^&]*)/)?.[1] ?? '').split(',').length - 1;
    expect(changes).toBeGreaterThanOrEqual(1);
    if (rests === 0) expect(changes).toBe(1);
    else expect(changes).toBeLessThanOrEqual(1 + rests);
    for (const figure of ['Loss', 'Test accuracy'] as const) {
      await expect(app.figure(figure).locator('.settings-mark')).toHaveCount(changes);
    }
    await app.screenshot('one-view');
    await app.button('Stop').click();
    await app.inPhase('stopped');
    await expect(app.button('Train')).toBeFocused();
    await expect(page.getByRole('heading', { name: 'The trained models up close' })).toBeVisible();
    await noViolations(page);
  });

  test('Keep training goes on past the set epochs until Stop, and the run is saved', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open(`${MOONS}&se=1`);
    await page.getByRole('checkbox', { name: 'Keep training' }).check();
    await app.button('Train').click();
    // Three epochs past the one planned, still training.
    await expect
      .poll(async () =>
        Number(
          /epoch (\d+) \(1 planned\): keeps training until Stop/.exec(await app.phaseText())?.[1] ??
            0,
        ),
      )
      .toBeGreaterThanOrEqual(4);
    await app.inPhase('students');
    await expect(app.button('Stop')).toBeEnabled();
    await app.button('Stop').click();
    await app.inPhase('stopped');
    // Past the plan, the line counts epochs against it, never "step 17,775 of 75".
    await expect(page.getByTestId('phase').first()).toHaveText(
      /· step [\d,]+ · epoch \d+ \(1 planned\)$/,
    );
    await expect(app.cell('Distilled student', 2)).toHaveText(/^\d+\.\d\d %$/);
    const runs = page.getByRole('region', { name: 'Runs' });
    await expect(runs.getByRole('listitem')).toHaveCount(1);
    await expect(runs.getByRole('listitem')).toContainText(/stopped · teacher/);
  });

  test('a link copied after a mid-run change replays it, to the same numbers', async ({
    page,
    context,
  }) => {
    const app = new PlaygroundPage(page);
    // Keep training until the change is made, so Pause always lands mid-run; switched off while
    // paused, the run ends at its planned 200 epochs (6,400 steps), which the replay also trains.
    // The plan is long because Pause must land inside it: on the fused CPU engine 640 steps of
    // these networks passed before a click reached the worker (one CI run).
    await app.open(`${MOONS}&se=200`);
    const keep = page.getByRole('checkbox', { name: 'Keep training' });
    await keep.check();
    await app.button('Train').click();
    await app.inPhase('students');
    // One change, made while paused: a change made while training could arrive after the last
    // batch (CI, two browsers at a time: the run ended first and no mark was made).
    await app.button('Pause').click();
    await app.paused();
    // Paused within the plan (the bar is not past it), or the replay could not match.
    const at = await app.progress.getAttribute('value');
    expect(at).not.toBeNull();
    expect(Number(at)).toBeLessThan(1);
    await keep.uncheck();
    await app.nudge('Temperature', 'End');
    await app.button('Resume').click();
    await expect(app.figure('Loss').locator('.settings-mark')).toHaveCount(1);
    await app.inPhase('done');
    const numbers = async (p: PlaygroundPage) =>
      Promise.all(
        (['Teacher', 'Distilled student', 'Scratch student'] as const).map((row) =>
          p.cell(row, 2).textContent(),
        ),
      );
    const original = await numbers(app);
    const link = page.url();
    expect(link).toMatch(/&T=20&a=0\.7&.*&sch=0:4:0\.7:0\.001,\d+:20:0\.7:0\.001$/);
    const runs = page.getByRole('region', { name: 'Runs' });
    await expect(runs.getByRole('listitem')).toHaveAccessibleName(
      'moons · T 4 → 20 · α 0.7 · seed 42',
    );

    const other = new PlaygroundPage(await context.newPage());
    await other.open(link.slice(link.indexOf('/?')));
    await expect(other.slider('Temperature')).toHaveAttribute('aria-valuetext', 'T = 20');
    await other.button('Train').click();
    await other.inPhase('done');
    // Replayed, not made live: the same mark at the same step, and the same results.
    await expect(other.figure('Loss').locator('.settings-mark')).toHaveCount(1);
    expect(await numbers(other)).toEqual(original);
  });

  test('Train is enabled at once on a first visit, and a skip link leads to it', async ({
    page,
  }) => {
    // Nothing the worker says reaches the page until the test lets it: the backend stays
    // unchosen, so "at once" means before the choice, however long the choice takes.
    await page.addInitScript(() => {
      const held: (() => void)[] = [];
      let open = false;
      const w = window as unknown as { releaseWorker: () => void };
      w.releaseWorker = () => {
        open = true;
        for (const deliver of held.splice(0)) deliver();
      };
      const Original = window.Worker;
      window.Worker = class extends Original {
        override set onmessage(listener: ((e: MessageEvent) => void) | null) {
          super.onmessage = (e: MessageEvent) => {
            if (open) listener?.(e);
            else held.push(() => listener?.(e));
          };
        }
      };
    });
    await page.goto('/');
    await expect(page.getByText(/^Choosing a backend/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    await page.evaluate(() => {
      (window as unknown as { releaseWorker: () => void }).releaseWorker();
    });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the experiment controls' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeFocused();
  });
});

test.describe('at 390 × 844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no sideways scroll before or after a run, Train on the first screen, no axe violations', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open(`${MOONS}&se=1`);
    await noSidewaysScroll(page);
    await expect(app.button('Train')).toBeInViewport({ ratio: 1 });
    await noViolations(page);
    await app.button('Train').click();
    await app.inPhase('done');
    await expect(page.getByRole('heading', { name: 'The trained models up close' })).toBeVisible();
    // The widest table of the page, measured on demand: it scrolls inside its card.
    await page.getByRole('button', { name: 'Measure in ONNX Runtime' }).click();
    await expect(page.getByRole('table', { name: 'ONNX Runtime' })).toBeVisible();
    await noSidewaysScroll(page);
    await noViolations(page);
    await app.screenshot('phone');
  });
});

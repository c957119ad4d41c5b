import { type Locator, type Page, expect } from '@playwright/test';

export interface TinySetup {
  dataset: string;
  /** Units of each ReLU dense layer; other settings of the rows are left as they are. */
  teacher: number[];
  student: number[];
  teacherEpochs: number;
  studentEpochs: number;
  batchSize?: number;
  samples?: number;
}

type Model = 'Teacher' | 'Student';

/** A run's phase as the page keeps it on its phase line (`data-phase`). */
export type RunPhase =
  | 'none'
  | 'loading'
  | 'teacher'
  | 'soft-targets'
  | 'students'
  | 'repeats'
  | 'done'
  | 'stopped'
  | 'failed';

/** The smallest run that goes through every phase: Moons, one epoch of each model. */
export const TINY_MOONS: TinySetup = {
  dataset: 'Moons',
  teacher: [8],
  student: [2],
  teacherEpochs: 1,
  studentEpochs: 1,
};

/** What a person sees and touches on the playground, by accessible name. */
export class PlaygroundPage {
  readonly status: Locator;
  readonly progress: Locator;
  readonly table: Locator;
  /** The run's phase line: its text, and the phase and pause as attributes that last. */
  readonly phase: Locator;

  constructor(readonly page: Page) {
    this.phase = page.getByTestId('phase').first();
    this.status = page.getByRole('status');
    this.progress = page.getByRole('progressbar', { name: 'Training progress' });
    this.table = page.getByRole('table', { name: 'Teacher vs student' });
  }

  /** Opens the playground; by default on WebGPU, which the automatic choice would skip here. */
  async open(path = '/?backend=webgpu'): Promise<void> {
    await this.page.goto(path);
    await expect(this.status).toContainText(/Backend: (webgpu|webgl|wasm|cpu)/);
  }

  button(name: 'Train' | 'Pause' | 'Resume' | 'Stop' | 'Measure latency'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  slider(
    name: 'Temperature' | 'Alpha' | 'Epsilon' | 'Beta' | 'Gamma' | 'Labeled fraction' | 'Noise',
  ): Locator {
    return this.page.getByRole('slider', { name, exact: true });
  }

  figure(
    name:
      | 'Loss'
      | 'Test accuracy'
      | 'Model size'
      | 'Latency'
      | 'Soft targets'
      | 'Confusion matrix'
      | 'Class similarity'
      | 'Pareto'
      | 'Sweep',
  ): Locator {
    return this.page.getByRole('figure', { name, exact: true });
  }

  /** The drawn line of a model's series in a chart (Recharts renders one path per line). */
  curve(figure: 'Loss' | 'Test accuracy', index: number): Locator {
    return this.figure(figure).locator('path.recharts-line-curve').nth(index);
  }

  cell(row: 'Teacher' | 'Distilled student' | 'Scratch student', column: number): Locator {
    return this.table
      .getByRole('row', { name: new RegExp(`^${row}`) })
      .getByRole('cell')
      .nth(column);
  }

  async setUp(s: TinySetup): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: s.dataset });
    if (s.samples !== undefined)
      await this.page.getByRole('spinbutton', { name: 'Samples' }).fill(String(s.samples));
    await this.setLayers('Teacher', s.teacher);
    await this.setLayers('Student', s.student);
    await this.page
      .getByRole('spinbutton', { name: 'Teacher epochs' })
      .fill(String(s.teacherEpochs));
    await this.page
      .getByRole('spinbutton', { name: 'Student epochs' })
      .fill(String(s.studentEpochs));
    if (s.batchSize !== undefined) {
      await this.page.getByRole('spinbutton', { name: 'Batch size' }).fill(String(s.batchSize));
    }
  }

  /** The architecture editor of one network (its description is the shape and size). */
  network(model: Model): Locator {
    return this.page.getByRole('group', { name: `${model} network` });
  }

  layerField(model: Model, layer: number, part: 'units' | 'dropout' | 'filters'): Locator {
    return this.page.getByRole('spinbutton', { name: `${model} layer ${layer} ${part}` });
  }

  /** Removes or adds dense layers until there are `units.length`, then sets their widths. */
  async setLayers(model: Model, units: number[]): Promise<void> {
    const rows = this.page
      .getByRole('list', { name: `${model} hidden layers` })
      .getByRole('listitem');
    for (let n = await rows.count(); n > units.length; n--) {
      await this.page.getByRole('button', { name: `Remove ${model} layer ${n}` }).click();
    }
    for (let n = await rows.count(); n < units.length; n++) {
      await this.page
        .getByRole('button', { name: `Add ${model.toLowerCase()} dense layer` })
        .click();
    }
    for (const [i, u] of units.entries())
      await this.layerField(model, i + 1, 'units').fill(String(u));
  }

  /** Waits until the run is in `phase` (or one of them); the attribute stays until it moves on. */
  async inPhase(...phases: RunPhase[]): Promise<void> {
    await expect(this.phase).toHaveAttribute('data-phase', new RegExp(`^(${phases.join('|')})$`));
  }

  /** Waits until the run is paused (true) or not (false), as the page says it. */
  async paused(paused = true): Promise<void> {
    await expect(this.phase).toHaveAttribute('data-paused', String(paused));
  }

  /** Sets up a tiny experiment, trains it and waits until it is done. */
  async trainToDone(s: TinySetup): Promise<void> {
    await this.setUp(s);
    await this.button('Train').click();
    await this.inPhase('done');
  }

  /** Moves a range input with the keyboard, as a person without a mouse would. */
  async nudge(
    name: 'Temperature' | 'Alpha' | 'Epsilon' | 'Beta' | 'Gamma',
    key: 'ArrowRight' | 'ArrowLeft' | 'End' | 'Home',
  ): Promise<void> {
    await this.slider(name).focus();
    await this.page.keyboard.press(key);
  }

  /**
   * Measures the ended run's models in ONNX Runtime (`provider` as the page names it) and checks
   * each of `rows`: its accuracy there is the playground's but for at most one test row of
   * `testRows`, and its latency is shown. Returns the table.
   */
  async measureInOnnx(
    provider: 'auto' | 'webgpu' | 'wasm',
    rows: string[],
    testRows: number,
  ): Promise<Locator> {
    const { page } = this;
    await page.getByRole('combobox', { name: 'Execution provider' }).selectOption(provider);
    await page.getByRole('button', { name: 'Measure in ONNX Runtime' }).click();
    const onnx = page.getByRole('table', { name: 'ONNX Runtime' });
    await expect(onnx).toBeVisible({ timeout: 60_000 });
    for (const row of rows) {
      const cells = onnx.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell');
      const inOnnx = Number.parseFloat((await cells.nth(0).textContent()) ?? '');
      const own = Number.parseFloat((await cells.nth(1).textContent()) ?? '');
      // The file's float32 arithmetic may flip a borderline row.
      expect(Math.abs(inOnnx - own)).toBeLessThanOrEqual(100 / testRows + 1e-9);
      await expect(cells.nth(2)).toHaveText(/^(\d+\.\d{2} ms|< 0\.1 ms) \/ /);
    }
    return onnx;
  }

  async phaseText(): Promise<string> {
    return (await this.page.getByTestId('phase').textContent()) ?? '';
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  }
}

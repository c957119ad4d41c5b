import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { PlaygroundPage } from './playground-page';

test.describe('a person studies the trained models', () => {
  test('on Moons: quantized sizes, the soft-target lens, a 2 × 2 sweep and an export', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the analysis views, not WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    // Cross-origin isolated, so tfjs-wasm and ONNX Runtime Web run their threaded builds. tfjs's
    // threads start from its glue's source text, which the build keeps whole (src/worker/backend.ts):
    // its pool of workers beside the training worker, and no page error (the fixture checks). It
    // uses half the cores (1 on a 2-core machine), which the status says.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(app.status.first()).toContainText(/Backend: wasm — \d+ threads?/);
    await expect.poll(() => page.workers().length).toBeGreaterThan(1);
    await app.trainToDone({
      dataset: 'Moons',
      teacher: [16, 16],
      student: [4],
      teacherEpochs: 2,
      studentEpochs: 2,
    });

    // Sizes: fp16 and int8 files are half and a quarter of fp32, with measured accuracy.
    const sizes = page.getByRole('table', { name: 'Quantized sizes' });
    await expect(sizes).toBeVisible();
    for (const model of ['Teacher', 'Distilled student', 'Scratch student']) {
      const rows = sizes.getByRole('row', { name: new RegExp(`^${model}`) });
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(0).getByRole('cell').nth(2)).toHaveText('100 %');
      await expect(rows.nth(1).getByRole('cell').nth(2)).toHaveText('50 %');
      await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText('25 %');
      await expect(rows.nth(2).getByRole('cell').nth(3)).toHaveText(/^\d{1,3}\.\d{2} %/);
      // Estimated energy per prediction at each format, as a range.
      for (let i = 0; i < 3; i++) {
        await expect(rows.nth(i).getByRole('cell').nth(5)).toHaveText(/^≈ [\d.]+.*[pnµm]J$/);
      }
    }
    await expect(app.figure('Pareto').locator('.recharts-scatter-symbol')).toHaveCount(9);

    // Latency is measured and positive.
    await expect(app.cell('Teacher', 4)).toHaveText(/^(\d+\.\d{2}|< 0\.1) ms$/);

    // The lens: moving Temperature reshapes the bars at once, without training.
    const lens = app.figure('Soft targets');
    const entropy = lens.getByLabel('Teacher entropy');
    const bar = lens.locator('.recharts-bar-rectangle path').first();
    await expect(bar).toBeVisible();
    const before = { text: await entropy.textContent(), d: await bar.getAttribute('d') };
    await app.nudge('Temperature', 'Home');
    await expect(app.slider('Temperature')).toHaveAttribute('aria-valuetext', 'T = 1');
    await expect(entropy).not.toHaveText(before.text ?? '');
    await expect(bar).not.toHaveAttribute('d', before.d ?? '');
    await lens.getByRole('button', { name: 'Next misclassified' }).click();

    // A 2 × 2 sweep fills its heatmap; a cell shows its curves.
    const sweep = app.figure('Sweep');
    await sweep.getByRole('textbox', { name: 'Temperatures' }).fill('2, 8');
    await sweep.getByRole('textbox', { name: 'Alphas' }).fill('0.5, 1');
    await sweep.getByRole('spinbutton', { name: 'Epochs per cell' }).fill('1');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect(sweep.getByText('4 of 4 cells — done')).toBeVisible();
    const cells = sweep.getByRole('cell').getByRole('button');
    await expect(cells).toHaveCount(4);
    await cells.nth(3).click();
    await expect(sweep.getByText(/^T = 8, α = 1: \d+\.\d{2} % test accuracy/)).toBeVisible();
    await app.screenshot('analysis-moons');

    // A long sweep can be cancelled; the finished run's table and charts stay.
    await sweep.getByRole('spinbutton', { name: 'Epochs per cell' }).fill('200');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByRole('button', { name: 'Cancel sweep' }).click();
    await expect(sweep.getByText(/4 cells — cancelled/)).toBeVisible();
    await expect(app.cell('Teacher', 2)).toHaveText(/ %$/);
    await expect(page.getByRole('table', { name: 'Quantized sizes' })).toBeVisible();

    // Export: the two files load back in tfjs (here, in Node) and predict.
    await page.getByRole('combobox', { name: 'Export format' }).selectOption('int8');
    const downloads: Promise<import('@playwright/test').Download>[] = [];
    const both = new Promise<void>((resolve) => {
      page.on('download', (d) => {
        downloads.push(Promise.resolve(d));
        if (downloads.length === 2) resolve();
      });
    });
    await page.getByRole('button', { name: 'Export student' }).click();
    await both;
    const files = await Promise.all(downloads);
    const byName = Object.fromEntries(files.map((d) => [d.suggestedFilename(), d]));
    expect(Object.keys(byName).sort()).toEqual([
      'distill-distilled-int8.json',
      'distill-distilled-int8.weights.bin',
    ]);
    const read = async (name: string) => readFile((await byName[name]?.path()) ?? '');
    const modelJson = JSON.parse((await read('distill-distilled-int8.json')).toString()) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['distill-distilled-int8.weights.bin']);
    const weights = await read('distill-distilled-int8.weights.bin');
    expect(weights.byteLength).toBe(2 * 4 + 4 + 4 * 2 + 2);
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]?.weights,
        weightData: new Uint8Array(weights).buffer,
      }),
    );
    const probabilities = model.predict(tf.tensor2d([[0.5, -0.2]])) as tf.Tensor;
    const values = await probabilities.data();
    expect(values).toHaveLength(2);
    expect((values[0] ?? 0) + (values[1] ?? 0)).toBeCloseTo(1, 5);

    // ONNX: one file, which ONNX Runtime (here, in Node) runs to the same probabilities.
    await page.getByRole('combobox', { name: 'Export format' }).selectOption('onnx');
    const onnxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export student' }).click();
    const onnxFile = await onnxDownload;
    expect(onnxFile.suggestedFilename()).toBe('distill-distilled.onnx');
    await expect(page.getByText(/^Saved distill-distilled\.onnx \(/)).toBeVisible();
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(await readFile(await onnxFile.path()));
    const out = await session.run({ input: new ort.Tensor('float32', [0.5, -0.2], [1, 2]) });
    const onnxValues = out.probabilities?.data as Float32Array;
    expect(onnxValues).toHaveLength(2);
    expect((onnxValues[0] ?? 0) + (onnxValues[1] ?? 0)).toBeCloseTo(1, 5);

    // The same models in ONNX Runtime Web, in the worker: its accuracy is the playground's (the
    // file's float32 arithmetic may flip a borderline row), and its latency is measured.
    // Its WebGPU execution provider, asked for by name: Auto would take WebAssembly on this
    // machine's software adapter.
    const roles = ['Teacher', 'Distilled student', 'Scratch student'];
    const onnx = await app.measureInOnnx('webgpu', roles, 200);
    await expect(
      page.getByText(/^ONNX Runtime Web \(WebGPU\), in the training worker/),
    ).toBeVisible();
    await onnx.scrollIntoViewIfNeeded();
    await app.screenshot('onnx-runtime');
  });

  test('on MNIST: trains end to end, a drawn digit gets predictions, a confusion cell lists its thumbnails', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    // About the trained models, not WebGPU: the faster backend.
    await app.open('/?backend=wasm');
    await app.trainToDone({
      dataset: 'MNIST digits',
      teacher: [32],
      student: [8],
      teacherEpochs: 1,
      studentEpochs: 1,
      batchSize: 256,
    });
    // The settings fold away while the run trains and open again when it ends.
    await expect(
      page.getByText(
        /Loaded MNIST digits: 8,000 train \/ 2,000 test, 784 features, 10 classes, 200 labelled/,
      ),
    ).toBeVisible();
    for (const row of ['Teacher', 'Distilled student', 'Scratch student'] as const) {
      await expect(app.cell(row, 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
    }
    // A 784-32-10 teacher after one epoch is far above chance (10 %) on real digits.
    const teacher = parseFloat((await app.cell('Teacher', 2).textContent()) ?? '0');
    expect(teacher).toBeGreaterThan(50);

    // Draw a "1": one vertical stroke down the middle of the pad.
    const pad = page.getByRole('region', { name: 'Draw a digit' });
    const canvas = pad.getByLabel('Drawing pad');
    // Mouse coordinates are the viewport's: bring the pad into view first.
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the drawing pad is not on screen');
    await page.mouse.move(box.x + 140, box.y + 40);
    await page.mouse.down();
    for (let y = 40; y <= 240; y += 20) await page.mouse.move(box.x + 142, box.y + y);
    await page.mouse.up();
    const predictions = pad.getByRole('list', { name: 'Predictions' });
    await expect(predictions.getByRole('listitem')).toHaveCount(3);
    await expect(predictions).toContainText(/Teacher\s*\d \d+ %/);
    await expect(pad.getByRole('img', { name: 'What the models see' })).toBeVisible();
    await pad.getByRole('button', { name: 'Clear' }).click();
    await expect(predictions).toHaveCount(0);

    // The teacher's diagonal cell for class 0 holds most zeros: its thumbnails are listed.
    const matrix = app.figure('Confusion matrix');
    await matrix.getByRole('radio', { name: 'Teacher' }).check();
    const heatmap = matrix.getByRole('img', { name: /Confusion matrix of the teacher model/ });
    await heatmap.scrollIntoViewIfNeeded();
    const hb = await heatmap.boundingBox();
    if (!hb) throw new Error('the confusion matrix is not on screen');
    // Axis band 22 px, cells 30 px for ten classes: the centre of cell (0, 0).
    await page.mouse.move(hb.x + 22 + 15, hb.y + 22 + 15);
    await expect(matrix.getByText(/^True 0 → predicted 0: \d+ of \d+ test samples$/)).toBeVisible();
    await page.mouse.click(hb.x + 22 + 15, hb.y + 22 + 15);
    const listed = matrix.getByRole('region', { name: 'Samples in the selected cell' });
    await expect(listed.getByRole('img').first()).toBeVisible();
    expect(await listed.getByRole('img').count()).toBeGreaterThan(5);
    await expect(matrix.getByRole('table', { name: 'Per-class accuracy' })).toContainText('%');
    // The same without a mouse: arrow keys move between cells, Enter lists one.
    await heatmap.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(matrix.getByText(/^True 1 → predicted 0: \d+ of \d+ test samples$/)).toBeVisible();
    await expect(listed.getByRole('heading')).toHaveText(/^True 1, predicted 0: \d+ test samples$/);
    await app.screenshot('analysis-mnist');
  });
});

import type { Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';
import { functionalMnistTeacher } from './teachers';

// Neither test is about WebGPU: WebAssembly runs them several times faster here.
const WASM = '/?backend=wasm';

test('a teacher exported here is imported back and distilled from; a bad pick is named and changes nothing', async ({
  page,
}, testInfo) => {
  const app = new PlaygroundPage(page);
  await app.open(WASM);
  await app.trainToDone({
    dataset: 'Moons',
    teacher: [16],
    student: [2],
    teacherEpochs: 3,
    studentEpochs: 1,
  });
  const teacherAccuracy = await app.cell('Teacher', 2).textContent();

  // The teacher as a person would download it: model.json and its weights file.
  const downloads: Download[] = [];
  const both = new Promise<void>((resolve) => {
    page.on('download', (d) => {
      downloads.push(d);
      if (downloads.length === 2) resolve();
    });
  });
  await page.getByRole('button', { name: 'Export teacher' }).click();
  await both;
  const paths: Record<string, string> = {};
  for (const d of downloads) {
    const path = testInfo.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    paths[d.suggestedFilename()] = path;
  }
  const json = paths['distill-teacher-fp32.json'] ?? '';
  const bin = paths['distill-teacher-fp32.weights.bin'] ?? '';

  const input = page.getByLabel('Import teacher');
  const note = page.locator('#teacher-file-note');
  // model.json alone: its weights file is named as missing, and nothing changes.
  await input.setInputFiles([json]);
  await expect(note).toHaveText(
    /^The weight file "distill-teacher-fp32\.weights\.bin" named in model\.json was not selected/,
  );
  await expect(note).toHaveAttribute('role', 'alert');
  await expect(app.network('Teacher')).toHaveAccessibleDescription(/^2 → 16 → 2: /);

  await input.setInputFiles([json, bin]);
  await expect(note).toHaveText(
    /^distill-teacher-fp32\.json is the teacher: Train distils from it/,
  );
  await expect(note).toContainText('It outputs probabilities');
  await expect(page.getByTestId('imported-teacher')).toHaveText(
    /^Sequential LayersModel · 2 layers · 82 parameters · 328 B · input \[2\]$/,
  );
  await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('2');
  await app.button('Train').click();
  await expect(
    page.getByText(/^Teacher imported from distill-teacher-fp32\.json \(Sequential LayersModel/),
  ).toBeVisible();
  await app.inPhase('done');
  // Same weights, same data split: the imported teacher scores exactly what it scored here.
  await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
  await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  await app.screenshot('import-teacher');

  // Its PyTorch export carries the imported teacher's logits in its place (docs/pytorch.md).
  const pytorch = page.waitForEvent('download');
  await page
    .getByRole('region', { name: 'The trained models up close' })
    .getByRole('button', { name: 'Export as PyTorch' })
    .click();
  const zip = unzipSync(readFileSync(await (await pytorch).path()));
  const folder = 'distill-moons-seed42-pytorch/';
  const config = JSON.parse(strFromU8(zip[`${folder}config.json`] ?? new Uint8Array())) as {
    export: { teacher: { imported: string | null } };
  };
  expect(config.export.teacher.imported).toBe('distill-teacher-fp32.json');
  const data = unzipSync(zip[`${folder}data.npz`] ?? new Uint8Array());
  expect(Object.keys(data)).toEqual(
    expect.arrayContaining(['teacher_logits_train.npy', 'teacher_logits_test.npy']),
  );
});

test('a Functional teacher with batch norm, made outside the playground, is distilled on MNIST; the student goes out as ONNX and runs in ONNX Runtime', async ({
  page,
}, testInfo) => {
  const files = await functionalMnistTeacher(42, (name) => testInfo.outputPath(name));
  const app = new PlaygroundPage(page);
  await app.open(WASM);
  await app.setUp({
    dataset: 'MNIST digits',
    teacher: [16],
    student: [32],
    teacherEpochs: 1,
    studentEpochs: 2,
  });
  await page.getByLabel('Import teacher').setInputFiles(files);
  await expect(page.locator('#teacher-file-note')).toHaveText(
    /^functional-bn\.json is the teacher: Train distils from it without training one\. It outputs probabilities/,
  );
  // 784·64 + 64 (dense) + 4·64 (batch norm) + 64·64 + 64 (dense) + 64·10 + 10 (output) = 55,306.
  await expect(page.getByTestId('imported-teacher')).toHaveText(
    'Functional LayersModel · 7 layers · 55,306 parameters · 221.2 KB · input [28, 28, 1]',
  );
  // It stands in for the teacher network and its epochs until a person trains one instead.
  await expect(page.getByRole('spinbutton', { name: 'Teacher epochs' })).toBeDisabled();
  await expect(
    app.table
      .getByRole('row', { name: /^Teacher/ })
      .getByRole('cell')
      .nth(0),
  ).toHaveText('55,306');

  await app.button('Train').click();
  await expect(
    page.getByText(/^Teacher imported from functional-bn\.json \(Functional/),
  ).toBeVisible();
  await app.inPhase('done');
  // Fitted for two epochs in Node: well above chance on the page's unseen test rows.
  const teacher = Number.parseFloat((await app.cell('Teacher', 2).textContent()) ?? '');
  expect(teacher).toBeGreaterThan(80);
  await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  await expect(app.cell('Distilled student', 3)).toHaveText(/^\d{1,3}\.\d{2} %/);
  await expect(app.cell('Teacher', 3)).toHaveText('itself');
  await app.screenshot('import-functional-teacher');

  // The distilled student out as ONNX: one file, which ONNX Runtime (here, in Node) runs.
  await page.getByRole('combobox', { name: 'Export format' }).selectOption('onnx');
  await expect(page.getByRole('button', { name: 'Export teacher' })).toBeDisabled();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export student' }).click();
  const onnxFile = await download;
  expect(onnxFile.suggestedFilename()).toBe('distill-distilled.onnx');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(await readFile(await onnxFile.path()));
  const out = await session.run({
    input: new ort.Tensor('float32', new Float32Array(784), [1, 784]),
  });
  expect(out.probabilities?.data).toHaveLength(10);

  // Both students in ONNX Runtime Web, in the worker, beside tfjs; the imported teacher is not
  // exported, and the page says so.
  const onnx = await app.measureInOnnx('auto', ['Distilled student', 'Scratch student'], 2000);
  await expect(onnx.getByRole('row', { name: /^Teacher/ })).toHaveCount(0);
  // Auto: this machine's WebGPU adapter is software, so ONNX Runtime runs on WebAssembly, and says why.
  await expect(
    page.getByText(
      /^ONNX Runtime Web \(wasm; WebGPU here is a software adapter, slower than WebAssembly\), in the training worker.*The teacher, functional-bn\.json, was imported, not written here/,
    ),
  ).toBeVisible();

  // Saved with the run: after a reload the imported teacher comes back from the browser's
  // storage with the students, and the analysis works on it again.
  const teacherText = await app.cell('Teacher', 2).textContent();
  await page.reload();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(/^Teacher imported from functional-bn\.json/)).toBeVisible();
  await expect(app.cell('Teacher', 2)).toHaveText(teacherText ?? '');
  const sizes = page.getByRole('table', { name: 'Quantized sizes' });
  await expect(sizes.getByRole('row', { name: /^Teacher/ })).toContainText(
    `as imported221.2 KB100 %${teacherText ?? ''}`,
  );
});

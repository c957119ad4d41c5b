import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { INSTALL_TORCH, findTorchPython } from '../scripts/lib/python';
import { expect, test } from './fixtures';
import { PlaygroundPage, TINY_MOONS } from './playground-page';

const FILES = ['README.md', 'config.json', 'data.npz', 'init.npz', 'train.py'];

test('a finished run downloads as a PyTorch experiment that trains to the same accuracies', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  // About the export, not WebGPU: the faster backend.
  await app.open('/?backend=wasm');
  await app.trainToDone({ ...TINY_MOONS, teacherEpochs: 3, studentEpochs: 3 });
  const downloading = page.waitForEvent('download');
  const analysis = page.getByRole('region', { name: 'The trained models up close' });
  await analysis.getByRole('button', { name: 'Export as PyTorch' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('distill-moons-seed42-pytorch.zip');
  await expect(analysis.getByText(/^Saved distill-moons-seed42-pytorch\.zip \(/)).toBeVisible();

  const zip = unzipSync(readFileSync(await download.path()));
  const folder = 'distill-moons-seed42-pytorch/';
  expect(Object.keys(zip).sort()).toEqual(FILES.map((f) => folder + f));
  const dir = mkdtempSync(join(tmpdir(), 'distill-page-pytorch-'));
  for (const f of FILES) writeFileSync(join(dir, f), zip[folder + f] as Uint8Array);

  // The script trains the page's run again: the same rows, weights and batches, so the same
  // accuracies as the table shows (each to two decimals, "84.50 %").
  const python = findTorchPython();
  if (!python) throw new Error(INSTALL_TORCH);
  const out = execFileSync(python, ['train.py', '--device', 'cpu'], { cwd: dir, encoding: 'utf8' });
  const torch = JSON.parse(out) as {
    teacher: { testAccuracy: number };
    students: { name: string; testAccuracy: number }[];
  };
  const shown = async (row: 'Teacher' | 'Distilled student' | 'Scratch student') =>
    Number.parseFloat((await app.cell(row, 2).textContent()) ?? '') / 100;
  expect(Math.abs(torch.teacher.testAccuracy - (await shown('Teacher')))).toBeLessThanOrEqual(0.01);
  expect(
    Math.abs((torch.students[0]?.testAccuracy ?? 0) - (await shown('Distilled student'))),
  ).toBeLessThanOrEqual(0.01);
  expect(
    Math.abs((torch.students[1]?.testAccuracy ?? 0) - (await shown('Scratch student'))),
  ).toBeLessThanOrEqual(0.01);

  // The Runs list exports a saved run the same way.
  const saved = page.getByRole('region', { name: 'Runs' }).getByRole('listitem').first();
  const again = page.waitForEvent('download');
  await saved.getByRole('button', { name: 'Export as PyTorch' }).click();
  expect((await again).suggestedFilename()).toBe('distill-moons-seed42-pytorch.zip');
  await expect(saved.getByText(/^Saved \(/)).toBeVisible();
  await page.mouse.move(0, 0);
  await saved.screenshot({ path: 'e2e/screenshots/pytorch-runs-row.png' });
  await analysis.getByRole('button', { name: 'Export as PyTorch' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/screenshots/pytorch-export.png' });
});

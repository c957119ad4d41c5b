import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test('a teacher exported here is imported back and distilled from; a bad pick is named and changes nothing', async ({
  page,
}, testInfo) => {
  const app = new PlaygroundPage(page);
  await app.open();
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
    /^distill-teacher-fp32\.json \(82 parameters\) is the teacher: Train distils from it/,
  );
  await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('2');
  await app.button('Train').click();
  await expect(page.getByText(/^Teacher imported from distill-teacher-fp32\.json/)).toBeVisible();
  await expect(page.getByText(/^Done/)).toBeVisible();
  // Same weights, same data split: the imported teacher scores exactly what it scored here.
  await expect(app.cell('Teacher', 2)).toHaveText(teacherAccuracy ?? '');
  await expect(app.cell('Distilled student', 2)).toHaveText(/^\d{1,3}\.\d{2} %$/);
  await app.screenshot('import-teacher');
});

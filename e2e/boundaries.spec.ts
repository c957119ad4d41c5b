import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test('decision boundaries render on a 2-D dataset and change as the models train', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.setUp({
    dataset: 'Spiral',
    teacher: [32, 32],
    student: [4],
    teacherEpochs: 12,
    studentEpochs: 2,
    batchSize: 64,
  });
  await app.button('Train').click();
  const teacher = page.getByRole('figure', { name: 'Decision boundary — teacher' });
  const teacherMap = teacher.getByRole('img');
  await expect(page.getByText('Training the teacher')).toBeVisible();
  await expect(teacher.getByText('Appears as the teacher trains.')).toHaveCount(0);
  const early = await teacherMap.screenshot();
  // The worker sends a new map at most every 0.4 s while the teacher learns the spiral.
  await expect
    .poll(async () => Buffer.compare(await teacherMap.screenshot(), early), { timeout: 30_000 })
    .not.toBe(0);

  await expect(page.getByText(/^Done/)).toBeVisible();
  for (const name of ['distilled student', 'scratch student']) {
    const figure = page.getByRole('figure', { name: `Decision boundary — ${name}` });
    await expect(figure.getByText('Appears once the students train.')).toHaveCount(0);
  }
  const plain = await teacherMap.screenshot();
  await page.getByRole('checkbox', { name: /Shade by the teacher’s soft-target entropy/ }).check();
  await expect.poll(async () => Buffer.compare(await teacherMap.screenshot(), plain)).not.toBe(0);
  await app.screenshot('boundaries');
});

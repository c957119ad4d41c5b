import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test('decision boundaries render on a 2-D dataset and change as the models train', async ({
  page,
}) => {
  const app = new PlaygroundPage(page);
  await app.open();
  // A teacher phase far longer than the test: the map changes while it certainly still trains.
  await app.setUp({
    dataset: 'Spiral',
    samples: 5000,
    teacher: [32, 32],
    student: [4],
    teacherEpochs: 200,
    studentEpochs: 2,
    batchSize: 64,
  });
  await app.button('Train').click();
  const teacher = page.getByRole('figure', { name: 'Decision boundary — teacher' });
  const teacherMap = teacher.getByRole('img');
  await app.inPhase('teacher');
  await expect(teacher.getByText('Appears as the teacher trains.')).toHaveCount(0);
  const early = await teacherMap.screenshot();
  // The worker sends a new map at most every 0.4 s while the teacher learns the spiral.
  await expect
    .poll(async () => Buffer.compare(await teacherMap.screenshot(), early), { timeout: 30_000 })
    .not.toBe(0);
  await app.button('Stop').click();
  await app.inPhase('stopped');

  // The students' maps: a short run to its end.
  await page.getByRole('spinbutton', { name: 'Samples' }).fill('1000');
  await page.getByRole('spinbutton', { name: 'Teacher epochs' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('1');
  await app.button('Train').click();
  await app.inPhase('done');
  for (const name of ['distilled student', 'scratch student']) {
    const figure = page.getByRole('figure', { name: `Decision boundary — ${name}` });
    await expect(figure.getByText('Appears once the students train.')).toHaveCount(0);
  }
  const plain = await teacherMap.screenshot();
  await page.getByRole('checkbox', { name: /Shade by the teacher’s soft-target entropy/ }).check();
  await expect.poll(async () => Buffer.compare(await teacherMap.screenshot(), plain)).not.toBe(0);
  await app.screenshot('boundaries');
});

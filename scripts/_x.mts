import { chromium } from '@playwright/test';
import { BASE_ARGS, CHROMIUM_PATH, WEBGPU_ARGS } from './lib/chromium';
import { functionalMnistTeacher } from '../e2e/teachers';

const files = await functionalMnistTeacher(42, (n) => `/tmp/${n}`);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...BASE_ARGS, ...WEBGPU_ARGS] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
await page.goto('http://localhost:4195/?backend=webgpu');
await page.getByText(/Backend: webgpu/).waitFor({ timeout: 120000 });
await page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'MNIST digits' });
await page.getByLabel('Import teacher').setInputFiles(files);
await page.getByTestId('imported-teacher').waitFor();
await page.getByRole('spinbutton', { name: 'Student units' }).count();
await page.getByRole('spinbutton', { name: 'Student epochs' }).fill('3');
const t0 = Date.now();
await page.getByRole('button', { name: 'Train', exact: true }).click();
await page.getByText(/^Done/).waitFor({ timeout: 900000 });
console.log('run s', (Date.now() - t0) / 1000);
await page.getByRole('table', { name: 'Teacher vs student' }).waitFor();
await page.waitForTimeout(5000);
console.log(await page.getByRole('table', { name: 'Teacher vs student' }).innerText());
for (const p of ['wasm', 'webgpu']) {
  await page.getByRole('combobox', { name: 'Execution provider' }).selectOption(p);
  await page.getByRole('button', { name: 'Measure in ONNX Runtime' }).click();
  await page.getByText(/in the training worker/).waitFor({ timeout: 300000 });
  await page.waitForTimeout(500);
  const onnx = page.getByRole('table', { name: 'ONNX Runtime' });
  console.log(await onnx.innerText());
  console.log(await page.getByText(/in the training worker/).innerText());
}
await page.getByRole('figure', { name: 'Latency', exact: true }).scrollIntoViewIfNeeded();
await page.screenshot({ path: '/tmp/ort-run.png', fullPage: true });
await browser.close();

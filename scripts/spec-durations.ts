// `npm run e2e:durations [-- FILE]`: each end-to-end spec's duration from the last Playwright run
// (its JSON report, test-results/e2e-report.json by default), slowest first, as a Markdown table,
// with the total and the wall time; the README's test section quotes it.
import { readFileSync } from 'node:fs';
import { type SpecTime, durationTable, specTimes } from './lib/spec-times';

const file = process.argv[2] ?? 'test-results/e2e-report.json';
let report: unknown;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(
    `No Playwright JSON report at ${file}: run the end-to-end tests first (${String(e)}).`,
  );
  process.exit(1);
}
const times: SpecTime[] = specTimes(report);
console.log(durationTable(times, report));

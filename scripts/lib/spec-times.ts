/** Spec durations out of Playwright's JSON report (the parts of its format read here). */

interface JsonResult {
  duration: number;
  status: string;
}
interface JsonTest {
  projectName: string;
  results: JsonResult[];
  annotations?: { type: string; description?: string }[];
}
interface JsonSpec {
  title: string;
  file: string;
  tests: JsonTest[];
}
interface JsonSuite {
  title: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}
interface JsonReport {
  suites?: JsonSuite[];
  stats?: { duration?: number; expected?: number; unexpected?: number; flaky?: number };
}

export interface SpecTime {
  file: string;
  title: string;
  project: string;
  /** The longest of its results (with --repeat-each, the slowest repeat). */
  seconds: number;
  status: string;
  /** When its run changed phase (the `phases` annotation of e2e/fixtures.ts), if it trained. */
  phases?: string;
}

export function specTimes(report: unknown): SpecTime[] {
  const out: SpecTime[] = [];
  const visit = (suite: JsonSuite, path: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const slowest = Math.max(0, ...test.results.map((r) => r.duration));
        const failed = test.results.find((r) => r.status !== 'passed' && r.status !== 'skipped');
        const phases = test.annotations?.find((a) => a.type === 'phases')?.description;
        out.push({
          file: spec.file,
          title: [...path, spec.title].join(' › '),
          project: test.projectName,
          seconds: slowest / 1000,
          status: failed?.status ?? test.results[0]?.status ?? 'not run',
          ...(phases === undefined ? {} : { phases }),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const suite of (report as JsonReport).suites ?? []) visit(suite, []);
  return out.sort((a, b) => b.seconds - a.seconds);
}

/** Specs whose phase timeline the table is followed by. */
const SLOWEST = 10;

/**
 * A Markdown table of `times`, slowest first, then the sum and the run's wall time, and when the
 * slowest specs' runs reached each phase.
 */
export function durationTable(times: readonly SpecTime[], report: unknown): string {
  const rows = times.map(
    (t) =>
      `| ${t.seconds.toFixed(1)} | ${t.project} | ${t.file} | ${t.title.replaceAll('|', '\\|')} | ${t.status} |`,
  );
  const sum = times.reduce((s, t) => s + t.seconds, 0);
  const wall = ((report as JsonReport).stats?.duration ?? 0) / 1000;
  const timelines = times
    .filter((t) => t.phases !== undefined)
    .slice(0, SLOWEST)
    .map((t) => `- ${t.seconds.toFixed(1)} s, ${t.title}: ${t.phases ?? ''}`);
  return [
    '| s | project | file | spec | result |',
    '| ---: | --- | --- | --- | --- |',
    ...rows,
    '',
    `${times.length} specs, ${(sum / 60).toFixed(1)} min of spec time, ${(wall / 60).toFixed(1)} min wall time.`,
    ...(timelines.length > 0
      ? ['', 'When the slowest runs reached each phase (s from the test’s start):', ...timelines]
      : []),
  ].join('\n');
}

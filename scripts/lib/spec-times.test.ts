import { describe, expect, it } from 'vitest';
import { durationTable, specTimes } from './spec-times';

const report = {
  stats: { duration: 90_000 },
  suites: [
    {
      title: 'a.spec.ts',
      specs: [
        {
          title: 'fast',
          file: 'a.spec.ts',
          tests: [{ projectName: 'webgpu', results: [{ duration: 2_000, status: 'passed' }] }],
        },
      ],
      suites: [
        {
          title: 'group',
          specs: [
            {
              title: 'slow | piped',
              file: 'a.spec.ts',
              tests: [
                {
                  projectName: 'webgpu',
                  results: [
                    { duration: 30_000, status: 'passed' },
                    { duration: 45_000, status: 'failed' },
                  ],
                  annotations: [
                    { type: 'pause', description: 'input delay 4 ms' },
                    { type: 'phases', description: 'none 1.0 s → loading 3.2 s → done 40.1 s' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('spec times', () => {
  it('lists every spec, slowest first, its slowest repeat and any failure', () => {
    expect(specTimes(report)).toEqual([
      {
        file: 'a.spec.ts',
        title: 'group › slow | piped',
        project: 'webgpu',
        seconds: 45,
        status: 'failed',
        phases: 'none 1.0 s → loading 3.2 s → done 40.1 s',
      },
      { file: 'a.spec.ts', title: 'fast', project: 'webgpu', seconds: 2, status: 'passed' },
    ]);
  });

  it('writes a Markdown table with the sum and the wall time', () => {
    const table = durationTable(specTimes(report), report);
    expect(table).toContain('| 45.0 | webgpu | a.spec.ts | group › slow \\| piped | failed |');
    expect(table).toContain('2 specs, 0.8 min of spec time, 1.5 min wall time.');
    // The timeline of each slowest spec that trained, after the table.
    expect(table).toContain(
      '- 45.0 s, group › slow | piped: none 1.0 s → loading 3.2 s → done 40.1 s',
    );
    expect(table).not.toContain('fast:');
  });
});

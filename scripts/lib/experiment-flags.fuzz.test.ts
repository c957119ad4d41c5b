/**
 * The command line's flags, fuzzed: any list of arguments — known flags with junk values, unknown
 * flags, stray words. The property: parsed arguments that validate, help, or a named error; never
 * a throw, never longer than MAX_MS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config-check';
import { FUZZ, bounded, nastyText } from '../../src/test-support/fuzz';
import { parseExperimentFlags } from './experiment-flags';

const FLAGS = [
  '--dataset',
  '--teacher',
  '--student',
  '--students',
  '--schedule',
  '--sliders',
  '--sweep',
  '--transfer-set',
  '--backend',
  '--json',
  '--help',
  '-h',
  '--teacher-epochs',
  '--student-epochs',
  '--temperature',
  '--alpha',
  '--labeled-fraction',
  '--batch-size',
  '--learning-rate',
  '--seed',
  '--seeds',
  '--samples',
  '--noise',
  '--teacher-model',
  '--bogus',
];

const argv = fc.array(
  fc.oneof(
    fc.constantFrom(...FLAGS),
    nastyText,
    fc.constantFrom('moons', 'kd,scratch', 'T=1,2:alpha=0.5'),
  ),
  {
    maxLength: 12,
  },
);

describe('the command line, fuzzed', () => {
  it('parses to a valid configuration, help, or one named error', () => {
    fc.assert(
      fc.property(argv, (args) => {
        const parsed = bounded(() => parseExperimentFlags(args));
        if (parsed.ok === true) {
          // A sweep's grid may hold more students than a run's 8: its own rule, checked there.
          if (!parsed.args.sweep) expect(validateConfig(parsed.args.config)).toEqual({});
        } else if (parsed.ok === false) {
          expect(parsed.error).toMatch(/\S/);
        }
      }),
      FUZZ,
    );
  });
});

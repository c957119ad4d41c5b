/**
 * What the property tests share: a fixed seed (a failure reproduces), a run count that keeps
 * `npm test` fast (`FUZZ_RUNS` raises it), and the bound on one input's time — a parser that
 * takes longer on some input is as good as hung to a person.
 */
import fc from 'fast-check';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const FUZZ = { seed: 20261201, numRuns: FUZZ_RUNS } as const;
/** Milliseconds one input may take (generous: the CI machine is shared and slow). */
export const MAX_MS = 200;

/** Runs `parse` on `input`, failing when it throws or takes longer than MAX_MS. */
export function bounded<T>(parse: () => T): T {
  const start = performance.now();
  const out = parse();
  const took = performance.now() - start;
  if (took > MAX_MS) throw new Error(`took ${took.toFixed(0)} ms`);
  return out;
}

/** Text that looks like what a parser is fed and what breaks one: numbers, separators, junk. */
export const nastyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '1e-400',
    '0x10',
    '9'.repeat(400),
    '\u0000',
    '%',
    '%E0%A4%A',
    '=',
    ',',
    ':',
    '&',
    '#',
    '"',
    '\n',
    '\r\n',
    '__proto__',
    'constructor',
    'toString',
  ),
  fc.double().map(String),
  fc.integer().map(String),
);

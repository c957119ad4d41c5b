/**
 * A saved run read back from IndexedDB, fuzzed: anything at all, and a real record with one field
 * cut, retyped or from an older version. The property: a record that passes validation, or a named
 * reason — never a throw, never longer than MAX_MS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import { validateConfig } from '../core/config-check';
import { FUZZ, bounded, nastyText } from '../test-support/fuzz';
import { readRecord } from './read-record';
import type { RunRecord } from './run-record';

const VALID: RunRecord = {
  key: 'k1',
  name: 'mnist · T 4 · α 0.7 · seed 42',
  savedAt: '2026-12-01T00:00:00.000Z',
  phase: 'done',
  config: DEFAULT_CONFIG,
  dataset: null,
  live: { teacher: [], distilled: [], scratch: [] },
  epochs: [],
  marks: [],
  summary: {},
  latency: null,
  transfer: {
    spec: { target: 'fashion-mnist', labels: 500, epochs: 5, mode: 'finetune' },
    seeds: [
      {
        labeledRows: 500,
        models: [
          {
            name: 'Teacher',
            testAccuracy: 0.7,
            fresh: { testAccuracy: 0.6, stepsTo90: 10 },
            counts: { n: 100, onlyFirst: 12, onlySecond: 2 },
            curve: [0.7],
            freshCurve: [0.6],
            stepsTo90: 8,
            secondsPerEpoch: 1,
          },
        ],
        versus: null,
      },
    ],
  },
};

const strange = fc.oneof(fc.anything(), nastyText, fc.constant(undefined), fc.constant(null));

/** The valid record with one field (top level or in its settings) deleted or set to `value`. */
const mutated = fc
  .tuple(
    fc.constantFrom(
      ...Object.keys(VALID),
      ...Object.keys(DEFAULT_CONFIG).map((k) => `config.${k}`),
    ),
    fc.boolean(),
    strange,
  )
  .map(([path, drop, value]) => {
    const [head, field] = path.split('.') as [string, string | undefined];
    const change = (o: Record<string, unknown>, key: string) =>
      drop
        ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== key))
        : { ...o, [key]: value };
    const record = structuredClone(VALID) as unknown as Record<string, unknown>;
    if (!field) return change(record, head);
    return { ...record, [head]: change(record[head] as Record<string, unknown>, field) };
  });

describe('a saved run read back', () => {
  it('the valid record reads as itself', () => {
    expect(readRecord(VALID)).toEqual({ ok: true, record: VALID });
  });

  it('is a checked record or a named reason, whatever IndexedDB hands back', () => {
    fc.assert(
      fc.property(fc.oneof(strange, mutated), (value) => {
        const read = bounded(() => readRecord(value));
        if (read.ok) expect(validateConfig(read.record.config)).toEqual({});
        else expect(read.error).toMatch(/cannot be read|is not an object/);
      }),
      FUZZ,
    );
  });
});

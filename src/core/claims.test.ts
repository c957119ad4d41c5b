import { describe, expect, it } from 'vitest';
import { type ClaimInputs, checkClaims } from './claims';
import type { ModelSummary } from './results';
import type { Summary } from './stats';

const training = (flops: number, seconds: number | null) => ({
  steps: 100,
  samples: 1000,
  seconds,
  flops,
  energyJ: { lowJ: 1, highJ: 2 },
});

const teacher: ModelSummary = {
  parameters: 669_706,
  macs: 669_000,
  accuracy: 0.95,
  training: training(3e12, 88),
};
const distilled: ModelSummary = {
  parameters: 25_450,
  macs: 25_400,
  accuracy: 0.9,
  agreement: 0.93,
  training: training(1e11, 12),
};

const timing = (p50: number, p95: number): Summary => ({
  runs: 40,
  p50,
  p95,
  mean: p50,
  min: p50 / 2,
  max: p95 * 2,
});

const inputs: ClaimInputs = {
  summary: { teacher, distilled },
  students: {
    accuracy: { n: 1000, onlyFirst: 120, onlySecond: 30 },
    teacher: { n: 1000, onlyFirst: 10, onlySecond: 60 },
  },
  latency: {
    backend: 'wasm',
    models: {
      teacher: { batch1: timing(1, 1.4), batch256: timing(9, 10) },
      distilled: { batch1: timing(0.2, 0.3), batch256: timing(1, 1.2) },
    },
  },
  rows: 'test digits',
};

const marks = (i: ClaimInputs) => Object.fromEntries(checkClaims(i).map((c) => [c.id, c.mark]));

describe('checkClaims', () => {
  it('marks each claim from the run, with its figures', () => {
    const claims = checkClaims(inputs);
    expect(marks(inputs)).toEqual({
      smaller: 'supported',
      faster: 'supported',
      energy: 'supported',
      'beats-scratch': 'supported',
      adapts: 'unmeasured',
      'teacher-costly': 'supported',
      misses: 'supported',
    });
    const text = (id: string) => claims.find((c) => c.id === id)?.evidence ?? '';
    expect(text('smaller')).toMatch(
      /^25,450 parameters \(.*\) against the teacher's 669,706 .*: 26× fewer\.$/,
    );
    expect(text('teacher-costly')).toMatch(
      /3 TFLOP and 88\.0 s: 30× the distilled student's 100 GFLOP/,
    );
    // The teacher is right on 60 rows the student misses, the student on 10: +5.0 points.
    expect(text('misses')).toMatch(
      /right on 60 test digits .* on 10 .*: the teacher \+5\.0 points/,
    );
    expect(text('misses')).toMatch(/agrees with it on 93\.0 %/);
    expect(text('energy')).toMatch(/an estimate, not a measurement/);
    expect(claims.find((c) => c.id === 'adapts')?.measure).toMatch(/--transfer/);
  });

  it('says noise where the run cannot tell, and contradicted where it says the opposite', () => {
    const close: ClaimInputs = {
      ...inputs,
      students: {
        accuracy: { n: 1000, onlyFirst: 40, onlySecond: 38 },
        teacher: { n: 1000, onlyFirst: 50, onlySecond: 20 },
      },
      latency: {
        backend: 'webgpu',
        models: {
          teacher: { batch1: timing(1, 2), batch256: timing(9, 10) },
          distilled: { batch1: timing(0.9, 1.8), batch256: timing(1, 1.2) },
        },
      },
    };
    expect(marks(close)).toMatchObject({
      faster: 'noise',
      'beats-scratch': 'noise',
      // The student beats its teacher (as born-again students can): the claim is contradicted.
      misses: 'contradicted',
    });
  });

  it('says what is not measured, and what would measure it', () => {
    const imported: ClaimInputs = {
      summary: { teacher: { parameters: 1000, accuracy: 0.9 }, distilled },
      latency: null,
      rows: 'test rows',
    };
    const claims = checkClaims(imported);
    expect(marks(imported)).toEqual({
      smaller: 'contradicted',
      faster: 'unmeasured',
      energy: 'unmeasured',
      'beats-scratch': 'unmeasured',
      adapts: 'unmeasured',
      'teacher-costly': 'unmeasured',
      misses: 'unmeasured',
    });
    expect(claims.find((c) => c.id === 'faster')?.measure).toBe(
      'Measure latency, under Teacher vs student',
    );
    expect(checkClaims({ ...imported, summary: { teacher } })).toEqual([]);
  });

  it('reads a transfer: the distilled gain over its fresh twin against the scratch gain', () => {
    const transfer = { target: 'fashion-mnist', difference: 0.004, low: -0.01, high: 0.02, p: 0.6 };
    const claim = checkClaims({ ...inputs, transfer }).find((c) => c.id === 'adapts');
    expect(claim?.mark).toBe('noise');
    expect(claim?.evidence).toMatch(/^On fashion-mnist, .* \+0\.4 points more/);
  });
});

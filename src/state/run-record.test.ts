import { parseStudents } from '../core/student-text';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import {
  SAVED_LIVE_POINTS,
  defaultName,
  recordOf,
  storageProblem,
  upgradeRecord,
} from './run-record';
import type { RunState } from './run-store';

const run = (phase: RunState['phase'], points: number): RunState => ({
  id: 3,
  config: DEFAULT_CONFIG,
  phase,
  paused: false,
  step: 10,
  totalSteps: 10,
  dataset: null,
  live: {
    teacher: Array.from({ length: points }, (_, i) => ({
      model: 'teacher',
      epoch: i,
      loss: 1,
      accuracy: 0.5,
    })),
    distilled: [],
    scratch: [],
  },
  epochs: [],
  marks: [],
  summary: { teacher: { parameters: 5, accuracy: 0.9 } },
  repeat: null,
  seeds: [],
  seedEpochs: [],
  studied: 0,
  latency: 'measuring',
  analysis: null,
  boundary: null,
  divergence: null,
  error: null,
});

describe('run records', () => {
  it('keep an ended run, its live curves thinned, a pending latency as none', () => {
    const record = recordOf(run('done', 2000), 'k1', new Date('2026-11-27T12:00:00Z'));
    expect(record).toMatchObject({
      key: 'k1',
      name: 'mnist · T 4 · α 0.7 · seed 42',
      savedAt: '2026-11-27T12:00:00.000Z',
      phase: 'done',
      latency: null,
      summary: { teacher: { accuracy: 0.9 } },
    });
    expect(record?.live.teacher).toHaveLength(SAVED_LIVE_POINTS);
    expect(record?.live.teacher.at(-1)?.epoch).toBe(1999);
  });

  it('keep an imported teacher, so the Runs list and a reopened run name it', () => {
    const teacherImported = {
      name: 'teacher.json',
      kind: 'graph' as const,
      className: 'GraphModel',
      layers: 5,
      parameters: 1234,
      bytes: 4936,
      inputShape: [784],
      softmax: false,
      features: 784,
      classes: 10,
    };
    const record = recordOf({ ...run('done', 3), teacherImported }, 'k2', new Date());
    expect(record?.teacherImported).toEqual(teacherImported);
    expect(recordOf(run('done', 3), 'k3', new Date())).not.toHaveProperty('teacherImported');
  });

  it('keep a finished transfer, so a reopened run shows it and its claim', () => {
    const transfer = {
      spec: { target: 'fashion-mnist' as const, labels: 100, epochs: 2, mode: 'probe' as const },
      seeds: [{ labeledRows: 100, models: [], versus: null }],
    };
    expect(recordOf({ ...run('done', 3), transfer }, 'k4', new Date())?.transfer).toEqual(transfer);
    expect(recordOf(run('done', 3), 'k5', new Date())).not.toHaveProperty('transfer');
  });

  it('read runs saved with plain unit counts as ReLU dense layers', () => {
    const record = recordOf(run('done', 10), 'old', new Date());
    if (!record) throw new Error('no record');
    const saved = {
      ...record,
      config: {
        ...record.config,
        teacherHidden: [512, 512],
        studentHidden: [32],
        teacherDropout: 0.3,
        repeats: undefined,
      },
    } as unknown as typeof record;
    // Saved before repeats too: one seed.
    expect(upgradeRecord(saved).config).toEqual(DEFAULT_CONFIG);
    expect(upgradeRecord(record)).toEqual(record);
  });

  it('carry a repeated run’s seeds, named by their range', () => {
    const repeated = run('done', 10);
    const seeds = [0, 1, 2].map((index) => ({
      index,
      seed: 42 + index,
      models: { teacher: { parameters: 5, accuracy: 0.9 } },
    }));
    const seedEpochs = [
      {
        index: 1,
        result: { model: 'teacher' as const, epoch: 1, trainLoss: 1, testAccuracy: 0.8 },
      },
    ];
    const record = recordOf(
      { ...repeated, config: { ...DEFAULT_CONFIG, repeats: 3 }, seeds, seedEpochs },
      'k',
      new Date(),
    );
    expect(record?.name).toBe('mnist · T 4 · α 0.7 · seeds 42–44');
    expect(record?.seeds).toEqual(seeds);
    expect(record?.seedEpochs).toEqual(seedEpochs);
  });

  it('are not made while a run trains', () => {
    expect(recordOf(run('students', 10), 'k', new Date())).toBeNull();
  });

  it('name a CSV run by its file', () => {
    const csv = {
      name: 'iris.csv',
      features: 4,
      classes: 3,
      rows: 150,
      labelColumn: 4,
      labelName: 'species',
    };
    const students = parseStudents('kd,ls:eps=0.2,dkd:beta=4,scratch');
    if (!students.ok) throw new Error(students.error);
    expect(defaultName({ ...DEFAULT_CONFIG, students: students.students })).toBe(
      'mnist · T 4 · α 0.7 · kd, ls ε 0.2, dkd β 4, scratch · seed 42',
    );
    expect(defaultName({ ...DEFAULT_CONFIG, dataset: 'csv', csv })).toBe(
      'iris.csv · T 4 · α 0.7 · seed 42',
    );
  });

  it("name the sliders' student's β, ε or γ as the run moved it", () => {
    const students = parseStudents('ls:eps=0.99,scratch');
    if (!students.ok) throw new Error(students.error);
    const start = { temperature: 4, alpha: 0.7, learningRate: 1e-3 };
    const schedule = [
      { step: 0, ...start, param: 0.1 },
      { step: 120, ...start, param: 0.99 },
    ];
    expect(defaultName({ ...DEFAULT_CONFIG, students: students.students, schedule })).toBe(
      'mnist · T 4 · α 0.7 · ls ε 0.1 → 0.99, scratch · seed 42',
    );
    // Not moved: its own value.
    expect(defaultName({ ...DEFAULT_CONFIG, students: students.students })).toBe(
      'mnist · T 4 · α 0.7 · ls ε 0.99, scratch · seed 42',
    );
  });

  it('explain a refused or full storage in words', () => {
    expect(storageProblem(new DOMException('full', 'QuotaExceededError'))).toMatch(
      /storage for this page is full/,
    );
    expect(storageProblem(new DOMException('no', 'InvalidStateError'))).toMatch(
      /refuses storage here/,
    );
    expect(storageProblem(new Error('boom'))).toMatch(/\(boom\); this one is kept in memory only/);
  });
});

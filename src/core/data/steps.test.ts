import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, networkDefaults } from '../config';
import { studentSteps, trainRows } from './steps';
import { parseStudents } from '../student-text';

describe('student steps', () => {
  it('counts an epoch over all training rows with the transfer set', () => {
    // 8,000 digits at batch 128: 63 steps an epoch, 630 in the default 10 epochs.
    expect(studentSteps(DEFAULT_CONFIG)).toEqual({ pool: 8000, perEpoch: 63, total: 630 });
  });
  it('counts an epoch over the labelled rows alone without it', () => {
    // 2.5 % of 8,000 = 200 labelled digits: 2 steps an epoch, 20 in 10 epochs.
    const off = { ...DEFAULT_CONFIG, transferSet: false };
    expect(studentSteps(off)).toEqual({ pool: 200, perEpoch: 2, total: 20 });
  });
  it('counts the labelled rows alone when no student learns from the teacher', () => {
    // Label smoothing and scratch train on the labelled rows only: so does the run's epoch.
    const parsed = parseStudents('ls,scratch');
    if (!parsed.ok) throw new Error(parsed.error);
    const config = { ...DEFAULT_CONFIG, students: parsed.students };
    expect(studentSteps(config)).toEqual({ pool: 200, perEpoch: 2, total: 20 });
  });
  it('splits synthetic and CSV data 80 / 20 as their loaders do', () => {
    const moons = { ...DEFAULT_CONFIG, ...networkDefaults('moons'), dataset: 'moons' as const };
    expect(trainRows({ ...moons, samples: 1000 })).toBe(800);
    const csv = {
      name: 'x.csv',
      features: 4,
      classes: 3,
      rows: 150,
      labelColumn: 4,
      labelName: 'y',
    };
    expect(trainRows({ ...DEFAULT_CONFIG, dataset: 'csv', csv })).toBe(120);
  });
});

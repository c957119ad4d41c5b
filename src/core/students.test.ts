import { describe, expect, it } from 'vitest';
import { denseStack, dense } from './layers';
import { DEFAULT_STUDENTS, comparisonPairs, scratchPairs, studentsProblem } from './students';
import { formatStudents, parseStudents } from './student-text';

function ok(text: string) {
  const r = parseStudents(text);
  if (!r.ok) throw new Error(r.error);
  return r.students;
}

function error(text: string): string {
  const r = parseStudents(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
}

describe('parseStudents', () => {
  it("reads the issue's example, numbering unnamed students by kind and place", () => {
    expect(ok('kd,scratch,kd:T=8:alpha=0.9,scratch:hidden=64')).toEqual([
      { name: 'KD 1', kind: 'kd' },
      { name: 'Scratch 2', kind: 'scratch' },
      { name: 'KD 3', kind: 'kd', temperature: 8, alpha: 0.9 },
      { name: 'Scratch 4', kind: 'scratch', hidden: denseStack([64]) },
    ]);
  });

  it('gives the plain pair the default names, and takes names and layer syntax in hidden', () => {
    expect(ok('kd,scratch')).toEqual(DEFAULT_STUDENTS);
    expect(ok('kd:name=Wide:hidden=64tanh-32/0.1')).toEqual([
      { name: 'Wide', kind: 'kd', hidden: [dense(64, 'tanh'), dense(32, 'relu', 0.1)] },
    ]);
  });

  it('names the student and key of every mistake', () => {
    expect(error('kd,fitnet')).toMatch(/^student 2 \("fitnet"\): unknown kind/);
    expect(error('ls:T=4')).toMatch(/unknown key "T" for ls/);
    expect(error('kd:beta=8')).toMatch(/unknown key "beta" for kd/);
    expect(error('scratch:T=4')).toMatch(/unknown key "T" for scratch/);
    expect(error('kd:alpha')).toMatch(/alpha needs a value/);
    expect(error('kd:T=hot')).toMatch(/T must be a number/);
    expect(error('kd:hidden=64-x')).toMatch(/^student 1 \("kd:hidden=64-x"\): hidden: /);
  });

  it("reads the methods issue's example, each method with its own keys", () => {
    expect(ok('kd,dkd:beta=8,ls:eps=0.1,hint:gamma=1,scratch')).toEqual([
      { name: 'KD 1', kind: 'kd' },
      { name: 'DKD 2', kind: 'dkd', beta: 8 },
      { name: 'LS 3', kind: 'ls', epsilon: 0.1 },
      { name: 'Hint 4', kind: 'hint', gamma: 1 },
      { name: 'Scratch 5', kind: 'scratch' },
    ]);
    const all = ok('dkd:T=3:alpha=2:beta=6:ce=0.5:warmup=5,ls:eps=0.2,hint:T=2:alpha=0.5:gamma=3');
    expect(ok(formatStudents(all))).toEqual(all);
  });

  it('round-trips through the link format', () => {
    const list = ok('kd:name=A:T=2,scratch:name=B:hidden=8-4,kd:name=C:alpha=0.25');
    expect(ok(formatStudents(list))).toEqual(list);
  });
});

describe('studentsProblem', () => {
  it('wants 2 to 8 students with unique names and T, α within the limits', () => {
    expect(studentsProblem(DEFAULT_STUDENTS)).toBeNull();
    expect(studentsProblem(ok('kd'))).toMatch(/2 to 8 students/);
    expect(studentsProblem(ok(Array(9).fill('kd').join(',')))).toMatch(/got 9/);
    expect(studentsProblem(ok('kd:name=A,scratch:name=A'))).toMatch(/Two students/);
    expect(studentsProblem(ok('kd:T=40,scratch'))).toMatch(/T must be between 1 and 20/);
    // DKD's α is a weight (mdistiller's golden cases use 2); KD's a share.
    expect(studentsProblem(ok('dkd:alpha=2,scratch'))).toBeNull();
    expect(studentsProblem(ok('kd:alpha=2,scratch'))).toMatch(/α must be between 0 and 1/);
    expect(studentsProblem(ok('dkd:warmup=2.5,scratch'))).toMatch(/warm-up must be whole/);
    expect(studentsProblem(ok('ls:eps=1,scratch'))).toMatch(/ε must be between 0 and 0.99/);
  });
});

describe('scratchPairs', () => {
  it('pairs each KD student with the first scratch student of its shape', () => {
    const list = ok('kd,kd:hidden=64,scratch:hidden=64,scratch,kd:hidden=8');
    expect(scratchPairs(list, denseStack([32]))).toEqual([
      { student: 0, scratch: 3 },
      { student: 1, scratch: 2 },
    ]);
  });

  it('adds each teacher-taught student against the label-smoothing student of its shape', () => {
    const list = ok('kd,ls,scratch,dkd,ls:hidden=8');
    expect(comparisonPairs(list, denseStack([32]))).toEqual([
      { student: 0, scratch: 2 },
      { student: 1, scratch: 2 },
      { student: 3, scratch: 2 },
      { student: 0, scratch: 1 },
      { student: 3, scratch: 1 },
    ]);
  });

  it('pairs every method but scratch, so each one is compared with learning from labels alone', () => {
    const list = ok('dkd,ls,hint,scratch');
    expect(scratchPairs(list, denseStack([32])).map((p) => p.student)).toEqual([0, 1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDENTS } from '../../core/students';
import { denseStack } from '../../core/layers';
import { addedStudent, changedStudent, removedStudent, storedList } from './student-edits';

describe('student list edits', () => {
  it('stores nothing for the default pair, and the list once it differs', () => {
    expect(storedList(DEFAULT_STUDENTS)).toBeUndefined();
    const three = addedStudent(DEFAULT_STUDENTS);
    expect(three.at(-1)).toEqual({ name: 'Student 3', kind: 'kd' });
    expect(storedList(three)).toEqual(three);
    expect(storedList(removedStudent(three, 2))).toBeUndefined();
  });

  it('adds a scratch student first when the list has none, and stops at 8 and at 2', () => {
    expect(addedStudent([{ name: 'A', kind: 'kd' }]).at(-1)?.kind).toBe('scratch');
    let list = [...DEFAULT_STUDENTS];
    for (let i = 0; i < 10; i++) list = addedStudent(list);
    expect(list).toHaveLength(8);
    expect(new Set(list.map((s) => s.name)).size).toBe(8);
    expect(removedStudent(DEFAULT_STUDENTS, 0)).toEqual(DEFAULT_STUDENTS);
  });

  it('drops a KD student’s own T and α when it becomes a scratch student', () => {
    const list = changedStudent(DEFAULT_STUDENTS, 0, { temperature: 8, alpha: 0.9 });
    expect(list[0]).toEqual({ name: 'Distilled', kind: 'kd', temperature: 8, alpha: 0.9 });
    expect(changedStudent(list, 0, { kind: 'scratch' })[0]).toEqual({
      name: 'Distilled',
      kind: 'scratch',
    });
    const wide = changedStudent(list, 1, { hidden: denseStack([64]) });
    expect(changedStudent(wide, 1, { hidden: undefined })[1]).toEqual(DEFAULT_STUDENTS[1]);
  });
});

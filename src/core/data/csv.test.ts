import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MAX_CLASSES, datasetFromTable, tableFromRows } from './csv';

/** What the worker does: papaparse, then the checks. */
function table(text: string) {
  return tableFromRows('test.csv', Papa.parse<string[]>(text).data);
}

function rowsOf(n: number, make: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => make(i)).join('\n');
}

const good = `x,y,kind\n${rowsOf(20, (i) => `${i},${(i * 7) % 5},${i % 2 ? 'cat' : 'dog'}`)}\n`;

function load(text: string, label: number, seed = 1) {
  const t = table(text);
  if (!t.ok) return t;
  return datasetFromTable(t.value, label, seed);
}

describe('CSV tables', () => {
  it('reads a header, names classes, standardizes features and splits with the seed', () => {
    const t = table(good);
    expect(t.ok && t.value.columns).toEqual(['x', 'y', 'kind']);
    expect(t.ok && t.value.hasHeader).toBe(true);
    const d = load(good, 2);
    if (!d.ok) throw new Error(d.error);
    expect(d.value.classNames).toEqual(['cat', 'dog']);
    const { dataset } = d.value;
    expect(dataset).toMatchObject({ features: 2, classes: 2, name: 'test.csv' });
    expect(dataset.yTrain.length).toBe(16);
    expect(dataset.yTest.length).toBe(4);
    const mean = [...dataset.xTrain].filter((_, i) => i % 2 === 0).reduce((a, b) => a + b) / 16;
    expect(mean).toBeCloseTo(0, 5);
    expect(load(good, 2, 1)).toEqual(d);
    expect(load(good, 2, 2)).not.toEqual(d);
  });

  it('reads a file without a header, numeric labels sorted as numbers', () => {
    const d = load(
      rowsOf(12, (i) => `${i},${i % 3 === 0 ? 10 : 9}`),
      1,
    );
    expect(d.ok && d.value.classNames).toEqual(['9', '10']);
    const t = table(rowsOf(12, (i) => `${i},1`));
    expect(t.ok && t.value.columns).toEqual(['column 1', 'column 2']);
  });

  it('skips blank lines but numbers rows as the file does', () => {
    const text = `a,b,c\n1,2,0\n\n${rowsOf(12, () => '1,2,1')}\n1,oops,0\n`;
    expect(load(text, 2)).toEqual({
      ok: false,
      error: 'Row 16, column "b": "oops" is not a number.',
    });
  });

  it('names the row and column of each bad input', () => {
    const cases: [string, number, string][] = [
      ['', 2, 'The file is empty.'],
      ['\n\n', 2, 'The file is empty.'],
      [
        rowsOf(12, (i) => `${i}`),
        0,
        'Row 1 has 1 column; a CSV needs feature columns and a label column.',
      ],
      [
        `a,b,c\n${rowsOf(3, () => '1,2,3')}`,
        2,
        'Only 3 data rows; at least 10 are needed to train and test.',
      ],
      [`a,b,c\n${rowsOf(12, () => '1,2,3')}\n4,5\n`, 2, 'Row 14 has 2 cells where row 1 has 3.'],
      [
        `a,b,c\n${rowsOf(12, (i) => `1,${i === 4 ? '' : 2},${i % 2}`)}`,
        2,
        'Row 6, column "b": the value is missing.',
      ],
      [
        `a,b,c\n${rowsOf(12, (i) => `1,2,${i === 7 ? '' : i % 2}`)}`,
        2,
        'Row 9, column "c": the label is missing.',
      ],
      [
        `a,b,c\n${rowsOf(12, () => '1,2,same')}`,
        2,
        'Column "c" has a single class ("same"); at least two are needed.',
      ],
      [
        `a,b,c\n${rowsOf(12, (i) => `1e999,2,${i % 2}`)}`,
        2,
        'Row 2, column "a": 1e999 is too large.',
      ],
    ];
    for (const [text, label, error] of cases)
      expect(load(text, label)).toEqual({ ok: false, error });
  });

  it('refuses more than 100 classes, hinting that the label column may be wrong', () => {
    const d = load(`id,v\n${rowsOf(MAX_CLASSES + 1, (i) => `${i},1`)}`, 0);
    expect(d).toEqual({
      ok: false,
      error:
        'Column "id" has 101 distinct values; at most 100 classes are supported. Is it the label column?',
    });
  });

  it('keeps quoted commas inside a cell (papaparse) and shows hostile text clipped', () => {
    const text = `a,"b, with comma",c\n${rowsOf(11, (i) => `1,2,${i % 2}`)}\n1,"<script>alert(1)</script>xxxxxxxxxxxx",0`;
    expect(
      table(text).ok && (table(text) as { value: { columns: string[] } }).value.columns,
    ).toEqual(['a', 'b, with comma', 'c']);
    expect(load(text, 2)).toEqual({
      ok: false,
      error: 'Row 13, column "b, with comma": "<script>alert(1)</script>xxxxx…" is not a number.',
    });
  });
});

/**
 * A person's CSV turned into a dataset, trusting nothing: every rejection names the row (as the
 * file numbers it, header included) and the column. Parsing itself is papaparse's, in the worker;
 * this module sees the cells.
 */
import type { Dataset } from './dataset';
import { splitTrainTest } from './split';
import { clip } from '../clip';

/** Characters of a bad cell quoted in an error. */
const CELL_QUOTE = 30;

/** Files larger than this are refused before they are read. */
export const MAX_CSV_BYTES = 20_000_000;
export const MAX_CSV_ROWS = 100_000;
export const MAX_CSV_FEATURES = 1_000;
export const MAX_CLASSES = 100;
/** Share of the rows held out for testing, as for the synthetic sets. */
export const CSV_TEST_FRACTION = 0.2;
/** Fewer rows cannot give both splits a few examples. */
export const MIN_CSV_ROWS = 10;

export interface CsvTable {
  name: string;
  columns: string[];
  /** Data rows only, each as long as `columns`. */
  rows: string[][];
  /** File row number (1-based, header included) of each data row. */
  lineOf: number[];
  hasHeader: boolean;
}

export type CsvResult<T> = { ok: true; value: T } | { ok: false; error: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function isNumeric(cell: string): boolean {
  return NUMBER.test(cell.trim());
}

/**
 * The table's shape: header or not, one width for every row, sizes within limits. A header is
 * assumed when some column's first cell is text and its second a number.
 */
export function tableFromRows(name: string, parsed: readonly string[][]): CsvResult<CsvTable> {
  // Blank lines carry no data; the row numbers still count them.
  const lines = parsed
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter(({ cells }) => !(cells.length === 1 && (cells[0] ?? '').trim() === ''));
  const first = lines[0];
  if (!first) return { ok: false, error: 'The file is empty.' };
  const second = lines[1];
  const hasHeader =
    second !== undefined &&
    first.cells.some((cell, c) => !isNumeric(cell) && isNumeric(second.cells[c] ?? ''));
  const width = first.cells.length;
  if (width < 2) {
    return {
      ok: false,
      error: `Row ${first.line} has ${width} column; a CSV needs feature columns and a label column.`,
    };
  }
  if (width - 1 > MAX_CSV_FEATURES) {
    return {
      ok: false,
      error: `${width} columns is more than the limit of ${MAX_CSV_FEATURES + 1}.`,
    };
  }
  const data = hasHeader ? lines.slice(1) : lines;
  if (data.length > MAX_CSV_ROWS) {
    return {
      ok: false,
      error: `${data.length.toLocaleString('en-US')} data rows is more than the limit of ${MAX_CSV_ROWS.toLocaleString('en-US')}.`,
    };
  }
  if (data.length < MIN_CSV_ROWS) {
    return {
      ok: false,
      error: `Only ${data.length} data row${data.length === 1 ? '' : 's'}; at least ${MIN_CSV_ROWS} are needed to train and test.`,
    };
  }
  for (const { cells, line } of data) {
    if (cells.length !== width) {
      return {
        ok: false,
        error: `Row ${line} has ${cells.length} cells where row ${first.line} has ${width}.`,
      };
    }
  }
  const columns = hasHeader
    ? first.cells.map((c, i) => c.trim() || `column ${i + 1}`)
    : first.cells.map((_, i) => `column ${i + 1}`);
  return {
    ok: true,
    value: {
      name,
      columns,
      rows: data.map((d) => d.cells),
      lineOf: data.map((d) => d.line),
      hasHeader,
    },
  };
}

export interface CsvDataset {
  dataset: Dataset;
  /** The label text of each class index. */
  classNames: string[];
}

/**
 * Features = every column but `labelColumn`, standardized with the training split's mean and
 * standard deviation; labels = the distinct values of `labelColumn`, sorted (numerically when
 * they all are numbers). Split train / test with the seed.
 */
export function datasetFromTable(
  table: CsvTable,
  labelColumn: number,
  seed: number,
): CsvResult<CsvDataset> {
  const { columns, rows, lineOf } = table;
  const labelName = columns[labelColumn];
  if (labelName === undefined) {
    return { ok: false, error: `There is no column ${labelColumn + 1} to use as the label.` };
  }
  const featureColumns = columns.map((_, c) => c).filter((c) => c !== labelColumn);
  const features = featureColumns.length;
  const x = new Float32Array(rows.length * features);
  const labels: string[] = [];
  for (const [r, cells] of rows.entries()) {
    const line = lineOf[r] ?? r + 1;
    const label = (cells[labelColumn] ?? '').trim();
    if (label === '') {
      return { ok: false, error: `Row ${line}, column "${labelName}": the label is missing.` };
    }
    labels.push(label);
    for (const [f, c] of featureColumns.entries()) {
      const cell = (cells[c] ?? '').trim();
      const where = `Row ${line}, column "${columns[c] ?? c + 1}"`;
      if (cell === '') return { ok: false, error: `${where}: the value is missing.` };
      if (!isNumeric(cell)) {
        return { ok: false, error: `${where}: "${clip(cell, CELL_QUOTE)}" is not a number.` };
      }
      const value = Number(cell);
      if (!Number.isFinite(value) || Math.abs(value) > 3.4e38) {
        return { ok: false, error: `${where}: ${clip(cell, CELL_QUOTE)} is too large.` };
      }
      x[r * features + f] = value;
    }
  }
  const distinct = [...new Set(labels)];
  if (distinct.length < 2) {
    return {
      ok: false,
      error: `Column "${labelName}" has a single class ("${clip(distinct[0] ?? '', CELL_QUOTE)}"); at least two are needed.`,
    };
  }
  if (distinct.length > MAX_CLASSES) {
    return {
      ok: false,
      error: `Column "${labelName}" has ${distinct.length} distinct values; at most ${MAX_CLASSES} classes are supported. Is it the label column?`,
    };
  }
  const classNames = distinct.every(isNumeric)
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort();
  const index = new Map(classNames.map((name, i) => [name, i]));
  const y = Int32Array.from(labels, (l) => index.get(l) ?? 0);
  const trainCount = Math.round(rows.length * (1 - CSV_TEST_FRACTION));
  const dataset = splitTrainTest(table.name, x, y, features, classNames.length, trainCount, seed);
  standardize(dataset);
  return { ok: true, value: { dataset, classNames } };
}

/** In place: zero mean and unit variance per feature, from the training rows only. */
function standardize({ xTrain, xTest, features }: Dataset): void {
  const n = xTrain.length / features;
  for (let f = 0; f < features; f++) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += xTrain[r * features + f] ?? 0;
    mean /= n;
    let variance = 0;
    for (let r = 0; r < n; r++) variance += ((xTrain[r * features + f] ?? 0) - mean) ** 2;
    // A constant column stays at 0 rather than dividing by zero.
    const sd = Math.sqrt(variance / n) || 1;
    for (const x of [xTrain, xTest]) {
      for (let i = f; i < x.length; i += features) x[i] = ((x[i] ?? 0) - mean) / sd;
    }
  }
}

import Papa from 'papaparse';
import type { CsvSpec, ExperimentConfig } from '../core/config';
import {
  type CsvResult,
  type CsvTable,
  MAX_CSV_BYTES,
  datasetFromTable,
  tableFromRows,
} from '../core/data/csv';
import type { Dataset } from '../core/data/dataset';
import type { CsvColumns } from '../protocol/messages';

/**
 * The uploaded CSV, kept in the worker: the last file that parsed (`candidate`, awaiting its label
 * column) and the last one accepted for training. A bad upload replaces neither, so whatever was
 * loaded before stays loaded.
 */
export class CsvStore {
  private candidate: CsvTable | null = null;
  private accepted: { table: CsvTable; labelColumn: number } | null = null;

  async read(file: File): Promise<CsvResult<CsvColumns>> {
    // Bounded before a byte is read.
    if (file.size > MAX_CSV_BYTES) {
      return {
        ok: false,
        error: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_CSV_BYTES / 1e6} MB.`,
      };
    }
    const parsed = Papa.parse<string[]>(await file.text(), { header: false, dynamicTyping: false });
    const fatal = parsed.errors.find((e) => e.type === 'Quotes');
    if (fatal) {
      return { ok: false, error: `Row ${(fatal.row ?? 0) + 1}: ${fatal.message}.` };
    }
    const table = tableFromRows(file.name, parsed.data);
    if (!table.ok) return table;
    this.candidate = table.value;
    const { columns, rows, hasHeader } = table.value;
    return { ok: true, value: { name: file.name, columns, rows: rows.length, hasHeader } };
  }

  /** Checks every cell for the chosen label column; on success this table is the one trained. */
  choose(labelColumn: number, seed: number): CsvResult<CsvSpec> {
    const table = this.candidate;
    if (!table) return { ok: false, error: 'Upload a CSV file first.' };
    const result = datasetFromTable(table, labelColumn, seed);
    if (!result.ok) return result;
    this.accepted = { table, labelColumn };
    const { features, classes } = result.value.dataset;
    return {
      ok: true,
      value: {
        name: table.name,
        features,
        classes,
        rows: table.rows.length,
        labelColumn,
        labelName: table.columns[labelColumn] ?? '',
      },
    };
  }

  dataset(config: ExperimentConfig): Dataset {
    const accepted = this.accepted;
    if (!accepted || accepted.table.name !== config.csv?.name) {
      throw new Error('The uploaded CSV is no longer loaded here: upload it again.');
    }
    const result = datasetFromTable(accepted.table, accepted.labelColumn, config.seed);
    if (!result.ok) throw new Error(result.error);
    return result.value.dataset;
  }
}

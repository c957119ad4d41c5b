import { useState } from 'react';
import { MAX_CSV_BYTES } from '../../core/data/csv';
import type { CsvColumns } from '../../protocol/messages';
import { useConfigStore } from '../../state/config-store';
import { useWorkerRequest } from '../../worker-client/use-request';
import s from './dataset.module.css';

/**
 * Upload a CSV and pick its label column. The file is parsed and checked in the worker; the page
 * switches to it only when every cell passed, so a bad file leaves the loaded dataset in place.
 */
export function CsvUpload({ disabled }: { disabled: boolean }) {
  const selectCsv = useConfigStore((s) => s.selectCsv);
  const seed = useConfigStore((s) => s.config.seed);
  const accepted = useConfigStore((s) => s.config.csv);
  const [columns, setColumns] = useState<CsvColumns | null>(null);
  const [label, setLabel] = useState<number | null>(null);
  const { busy, error, setError, send } = useWorkerRequest();

  /** Checks every cell of the file with `labelColumn` as the label, at the current seed. */
  const choose = async (labelColumn: number) => {
    setLabel(labelColumn);
    const seed = useConfigStore.getState().config.seed;
    const answer = await send({ type: 'csv-label', labelColumn, seed });
    if (!answer) return;
    if (!answer.result.ok) {
      setError(answer.result.error);
      return;
    }
    setError(null);
    selectCsv(answer.result.value);
  };

  const load = async (file: File) => {
    const answer = await send({ type: 'load-csv', file });
    if (!answer) return;
    if (!answer.result.ok) {
      setError(answer.result.error);
      return;
    }
    setError(null);
    // Parsed: propose the last column as the label and check the whole file with it.
    const table = answer.result.value;
    setColumns(table);
    await choose(table.columns.length - 1);
  };

  return (
    <div className={`field ${s.csvUpload}`}>
      <label htmlFor="csv-file">Upload CSV</label>
      <input
        id="csv-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        disabled={disabled}
        aria-describedby="csv-note"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void load(file);
        }}
      />
      {columns && (
        <>
          <label htmlFor="csv-label">Label column</label>
          <select
            id="csv-label"
            value={label ?? ''}
            disabled={disabled || busy}
            onChange={(e) => {
              void choose(Number(e.target.value));
            }}
          >
            {columns.columns.map((name, i) => (
              <option key={`${i}-${name}`} value={i}>
                {name}
              </option>
            ))}
          </select>
        </>
      )}
      <div
        id="csv-note"
        className={error ? 'field-error' : 'field-hint'}
        role={error ? 'alert' : undefined}
      >
        {busy
          ? 'Checking the file in the worker…'
          : (error ??
            (accepted
              ? `${accepted.name}: ${accepted.rows.toLocaleString('en-US')} rows, ${accepted.features} numeric features, ${accepted.classes} classes in "${accepted.labelName}". Features are standardized; 80 / 20 split with the seed (${seed}).`
              : `Numeric feature columns and one label column; header optional; up to ${MAX_CSV_BYTES / 1e6} MB. The file stays in your browser.`))}
      </div>
    </div>
  );
}

import { MAX_CSV_BYTES } from '../../core/data/csv';
import { useConfigStore } from '../../state/config-store';
import { useCsvUpload } from './use-csv-upload';
import s from './dataset.module.css';

/**
 * Upload a CSV and pick its label column. The file is parsed and checked in the worker; the page
 * switches to it only when every cell passed, so a bad file leaves the loaded dataset in place.
 */
export function CsvUpload({ disabled }: { disabled: boolean }) {
  const selectCsv = useConfigStore((s) => s.selectCsv);
  const seed = useConfigStore((s) => s.config.seed);
  const accepted = useConfigStore((s) => s.config.csv);
  const { columns, label, busy, error, load, choose } = useCsvUpload(
    'run',
    () => useConfigStore.getState().config.seed,
    selectCsv,
  );

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

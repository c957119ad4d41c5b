import { MAX_CSV_BYTES } from '../../core/data/csv';
import { useConfigStore } from '../../state/config-store';
import { CsvPicker } from './CsvPicker';
import s from './dataset.module.css';

/**
 * Upload a CSV and pick its label column. The file is parsed and checked in the worker; the page
 * switches to it only when every cell passed, so a bad file leaves the loaded dataset in place.
 */
export function CsvUpload({ disabled }: { disabled: boolean }) {
  const selectCsv = useConfigStore((s) => s.selectCsv);
  const seed = useConfigStore((s) => s.config.seed);
  const accepted = useConfigStore((s) => s.config.csv);
  return (
    <CsvPicker
      slot="run"
      id="csv"
      fileLabel="Upload CSV"
      columnLabel="Label column"
      className={`field ${s.csvUpload}`}
      disabled={disabled}
      seed={() => useConfigStore.getState().config.seed}
      onAccepted={selectCsv}
      hint={
        accepted
          ? `${accepted.name}: ${accepted.rows.toLocaleString('en-US')} rows, ${accepted.features} numeric features, ${accepted.classes} classes in "${accepted.labelName}". Features are standardized; 80 / 20 split with the seed (${seed}).`
          : `Numeric feature columns and one label column; header optional; up to ${MAX_CSV_BYTES / 1e6} MB. The file stays in your browser.`
      }
    />
  );
}

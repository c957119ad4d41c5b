import type { CsvSpec } from '../../core/config';
import { useCsvUpload } from '../dataset/use-csv-upload';

interface TargetCsvProps {
  /** The run's input width: the file's feature columns must match it. */
  features: number;
  seed: number;
  disabled: boolean;
  /** The accepted file, or null while there is none that fits. */
  onChange: (spec: CsvSpec | null) => void;
  spec: CsvSpec | null;
}

/**
 * A CSV as the transfer's target: uploaded into the worker's transfer slot (the CSV a run trains
 * on stays), its label column chosen, and accepted only with as many feature columns as the run's
 * models take inputs.
 */
export function TargetCsv({ features, seed, disabled, onChange, spec }: TargetCsvProps) {
  const { columns, label, busy, error, load, choose } = useCsvUpload(
    'transfer',
    () => seed,
    (accepted) => {
      onChange(accepted);
    },
  );
  const misfit = spec && spec.features !== features ? spec : null;
  const problem =
    error ??
    (misfit &&
      `${misfit.name} has ${misfit.features} feature columns with "${misfit.labelName}" as the label; the run's models take ${features} inputs.`);
  return (
    <div className="field">
      <label htmlFor="transfer-csv">Target CSV</label>
      <input
        id="transfer-csv"
        type="file"
        accept=".csv,text/csv,text/plain"
        disabled={disabled}
        aria-describedby="transfer-csv-note"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          onChange(null);
          void load(file);
        }}
      />
      {columns && (
        <>
          <label htmlFor="transfer-csv-label">Target label column</label>
          <select
            id="transfer-csv-label"
            value={label ?? ''}
            disabled={disabled || busy}
            onChange={(e) => {
              onChange(null);
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
        id="transfer-csv-note"
        className={problem ? 'field-error' : 'field-hint'}
        role={problem ? 'alert' : undefined}
      >
        {busy
          ? 'Checking the file in the worker…'
          : (problem ??
            (spec
              ? `${spec.name}: ${spec.rows.toLocaleString('en-US')} rows, ${spec.features} features, ${spec.classes} classes in "${spec.labelName}".`
              : `Numeric columns, ${features} of them features, and one label column.`))}
      </div>
    </div>
  );
}

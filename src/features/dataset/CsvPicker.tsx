import type { CsvSpec } from '../../core/config';
import type { CsvSlot } from '../../protocol/messages';
import { useCsvUpload } from './use-csv-upload';

interface CsvPickerProps {
  /** The worker's CSV the file goes to: the one runs train on, or a transfer's target. */
  slot: CsvSlot;
  /** Prefix of the controls' ids: `<id>-file`, `<id>-label`, `<id>-note`. */
  id: string;
  fileLabel: string;
  columnLabel: string;
  className?: string;
  disabled: boolean;
  /** The seed a label column is checked at (the split follows it). */
  seed: () => number;
  /** A label column passed: every cell of the file checked with it. */
  onAccepted: (spec: CsvSpec) => void;
  /** A new file or label column was picked: what was accepted is about to change. */
  onPick?: () => void;
  /** The caller's own objection to the accepted file, shown as an error. */
  problem?: string | null;
  /** The note while there is no error. */
  hint: string;
}

/**
 * A CSV file input, its label column once the file has parsed, and a note that says what the
 * worker found (or why not): the data panel's upload and the Transfer panel's target.
 */
export function CsvPicker(props: CsvPickerProps) {
  const { id, disabled, onPick } = props;
  const { columns, label, busy, error, load, choose } = useCsvUpload(
    props.slot,
    props.seed,
    props.onAccepted,
  );
  const problem = error ?? props.problem ?? null;
  return (
    <div className={props.className ?? 'field'}>
      <label htmlFor={`${id}-file`}>{props.fileLabel}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,text/csv,text/plain"
        disabled={disabled}
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          onPick?.();
          void load(file);
        }}
      />
      {columns && (
        <>
          <label htmlFor={`${id}-label`}>{props.columnLabel}</label>
          <select
            id={`${id}-label`}
            value={label ?? ''}
            disabled={disabled || busy}
            onChange={(e) => {
              onPick?.();
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
        id={`${id}-note`}
        className={problem ? 'field-error' : 'field-hint'}
        role={problem ? 'alert' : undefined}
      >
        {busy ? 'Checking the file in the worker…' : (problem ?? props.hint)}
      </div>
    </div>
  );
}

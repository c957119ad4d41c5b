import type { CsvSpec } from '../../core/config';
import { CsvPicker } from '../dataset/CsvPicker';

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
  const misfit = spec && spec.features !== features ? spec : null;
  return (
    <CsvPicker
      slot="transfer"
      id="transfer-csv"
      fileLabel="Target CSV"
      columnLabel="Target label column"
      disabled={disabled}
      seed={() => seed}
      onAccepted={onChange}
      onPick={() => {
        onChange(null);
      }}
      problem={
        misfit &&
        `${misfit.name} has ${misfit.features} feature columns with "${misfit.labelName}" as the label; the run's models take ${features} inputs.`
      }
      hint={
        spec
          ? `${spec.name}: ${spec.rows.toLocaleString('en-US')} rows, ${spec.features} features, ${spec.classes} classes in "${spec.labelName}".`
          : `Numeric columns, ${features} of them features, and one label column.`
      }
    />
  );
}

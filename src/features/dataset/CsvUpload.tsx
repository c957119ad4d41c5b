import { useEffect, useRef, useState } from 'react';
import { MAX_CSV_BYTES } from '../../core/data/csv';
import type { CsvColumns, ToWorker } from '../../protocol/messages';
import { useConfigStore } from '../../state/config-store';
import { useWorkerClient } from '../../worker-client/context';

/** Checks every cell of the uploaded file with `labelColumn` as the label, at the current seed. */
function labelMessage(requestId: number, labelColumn: number): ToWorker {
  const seed = useConfigStore.getState().config.seed;
  return { type: 'csv-label', requestId, labelColumn, seed };
}

/**
 * Upload a CSV and pick its label column. The file is parsed and checked in the worker; the page
 * switches to it only when every cell passed, so a bad file leaves the loaded dataset in place.
 */
export function CsvUpload({ disabled }: { disabled: boolean }) {
  const client = useWorkerClient();
  const selectCsv = useConfigStore((s) => s.selectCsv);
  const seed = useConfigStore((s) => s.config.seed);
  const accepted = useConfigStore((s) => s.config.csv);
  const [columns, setColumns] = useState<CsvColumns | null>(null);
  const [label, setLabel] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  /** Sends a request whose answer supersedes any earlier one's. */
  const send = (make: (requestId: number) => ToWorker) => {
    latest.current += 1;
    setBusy(true);
    client.send(make(latest.current));
  };

  const choose = (labelColumn: number) => {
    setLabel(labelColumn);
    send((requestId) => labelMessage(requestId, labelColumn));
  };

  useEffect(
    () =>
      client.subscribe((message) => {
        if (message.type !== 'csv-columns' && message.type !== 'csv-spec') return;
        if (message.requestId !== latest.current) return;
        setBusy(false);
        if (!message.result.ok) {
          setError(message.result.error);
          return;
        }
        setError(null);
        if (message.type === 'csv-spec') {
          selectCsv(message.result.value);
          return;
        }
        // Parsed: propose the last column as the label and check the whole file with it.
        const table = message.result.value;
        const labelColumn = table.columns.length - 1;
        setColumns(table);
        setLabel(labelColumn);
        latest.current += 1;
        setBusy(true);
        client.send(labelMessage(latest.current, labelColumn));
      }),
    [client, selectCsv],
  );

  return (
    <div className="field csv-upload">
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
          send((requestId) => ({ type: 'load-csv', requestId, file }));
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
              choose(Number(e.target.value));
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

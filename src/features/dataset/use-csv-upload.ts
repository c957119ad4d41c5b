import { useState } from 'react';
import type { CsvSpec } from '../../core/config';
import type { CsvColumns, CsvSlot } from '../../protocol/messages';
import { useWorkerRequest } from '../../worker-client/use-request';

/**
 * An uploaded CSV checked in the worker, in its `slot`: `load` parses the file and proposes its
 * last column as the label, `choose` checks every cell with another; `onAccepted` hears the spec
 * once a label column passes. A bad file or column leaves what was accepted before in place.
 */
export function useCsvUpload(
  slot: CsvSlot,
  seed: () => number,
  onAccepted: (spec: CsvSpec) => void,
) {
  const [columns, setColumns] = useState<CsvColumns | null>(null);
  const [label, setLabel] = useState<number | null>(null);
  const { busy, error, setError, send } = useWorkerRequest();

  const choose = async (labelColumn: number) => {
    setLabel(labelColumn);
    const answer = await send({ type: 'csv-label', labelColumn, seed: seed(), slot });
    if (!answer) return;
    if (!answer.result.ok) {
      setError(answer.result.error);
      return;
    }
    setError(null);
    onAccepted(answer.result.value);
  };

  const load = async (file: File) => {
    const answer = await send({ type: 'load-csv', file, slot });
    if (!answer) return;
    if (!answer.result.ok) {
      setError(answer.result.error);
      return;
    }
    setError(null);
    const table = answer.result.value;
    setColumns(table);
    await choose(table.columns.length - 1);
  };

  return { columns, label, busy, error, load, choose };
}

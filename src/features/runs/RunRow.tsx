import { ExportPytorch } from '../pytorch/ExportPytorch';
import { targetLabel } from '../../core/transfer';
import { useState } from 'react';
import type { RunRecord } from '../../state/run-record';
import { useRunsStore } from '../../state/runs-store';
import { resumeText } from '../../protocol/messages';
import { savedAccuracy } from './saved-accuracy';
import { useDeleteRun } from './useDeleteRun';
import s from './runs.module.css';

interface RunRowProps {
  record: RunRecord;
  opened: boolean;
  comparing: boolean;
  disabled: boolean;
  onOpen: () => void;
  onCompare: () => void;
}

/** One saved run: its name (editable), date, final accuracies and what can be done with it. */
export function RunRow({ record, opened, comparing, disabled, onOpen, onCompare }: RunRowProps) {
  const rename = useRunsStore((s) => s.rename);
  const deleteRun = useDeleteRun();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <li className={opened ? `${s.runRow} ${s.opened}` : s.runRow} aria-label={record.name}>
      <div className={s.runMain}>
        {editing === null ? (
          <strong>{record.name}</strong>
        ) : (
          <input
            aria-label="Run name"
            value={editing}
            onChange={(e) => {
              setEditing(e.target.value);
            }}
          />
        )}
        <span className="field-hint">
          {new Date(record.savedAt).toLocaleString('en-US')} ·{' '}
          {record.resume ? `saved at ${resumeText(record.resume)}` : record.phase} · teacher{' '}
          {savedAccuracy(record, 'teacher', 1)} · distilled {savedAccuracy(record, 'distilled', 1)}{' '}
          · scratch {savedAccuracy(record, 'scratch', 1)}
          {record.transfer && ` · carried to ${targetLabel(record.transfer.spec)}`}
        </span>
      </div>
      <div className={s.runActions}>
        <ExportPytorch
          compact
          config={record.config}
          importedTeacher={record.teacherImported?.name}
        />
        <label className="checkbox">
          <input type="checkbox" checked={comparing} onChange={onCompare} />
          Compare
        </label>
        <button type="button" disabled={disabled} onClick={onOpen}>
          Open
        </button>
        {editing === null ? (
          <button
            type="button"
            onClick={() => {
              setEditing(record.name);
            }}
          >
            Rename
          </button>
        ) : (
          <button
            type="button"
            onClick={() => {
              void rename(record.key, editing);
              setEditing(null);
            }}
          >
            Save name
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            void deleteRun(record.key);
          }}
        >
          Delete run
        </button>
      </div>
    </li>
  );
}

import { useState } from 'react';
import { formatBytes } from '../../core/size';
import type { RunRecord } from '../../state/run-record';
import { isActive, useRunStore } from '../../state/run-store';
import { useRunsStore } from '../../state/runs-store';
import { percent } from '../../ui/format';
import { CompareRuns } from './CompareRuns';
import { RunRow } from './RunRow';
import { useOpenRecord } from './useOpenRecord';
import s from './runs.module.css';

/** Past runs kept in this browser: open, rename, delete, compare two; and the storage they use. */
export function RunsPanel() {
  const runs = useRunsStore((s) => s.runs);
  const storage = useRunsStore((s) => s.storage);
  const problem = useRunsStore((s) => s.problem);
  const busy = useRunStore((s) => isActive(s.run));
  const openedKey = useRunStore((s) => s.run?.archived);
  const [compare, setCompare] = useState<string[]>([]);
  const open = useOpenRecord();
  const toggle = (key: string) => {
    setCompare((keys) =>
      keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key].slice(-2),
    );
  };
  const pair = compare
    .map((key) => runs.find((r) => r.key === key))
    .filter((r): r is RunRecord => r !== undefined);
  return (
    <section className={s.runs} aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <p className="field-hint">
        Every finished or stopped run is kept in this browser: its charts, table, settings and
        trained models.
        {storage &&
          ` Storage used by this page: ${formatBytes(storage.usage)} of ${formatBytes(storage.quota)} (${percent(storage.usage / storage.quota, 1)}).`}
      </p>
      {problem && (
        <div className="banner warning" role="alert">
          {problem}
        </div>
      )}
      {runs.length === 0 ? (
        <p className="field-hint">No saved runs yet.</p>
      ) : (
        <ul className={s.runList}>
          {runs.map((record) => (
            <RunRow
              key={record.key}
              record={record}
              opened={record.key === openedKey}
              comparing={compare.includes(record.key)}
              disabled={busy}
              onOpen={() => {
                open(record);
              }}
              onCompare={() => {
                toggle(record.key);
              }}
            />
          ))}
        </ul>
      )}
      {pair.length === 2 && <CompareRuns a={pair[0] as RunRecord} b={pair[1] as RunRecord} />}
    </section>
  );
}

import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type RunRecord, upgradeRecord } from './run-record';

interface ArchiveSchema extends DBSchema {
  runs: { key: string; value: RunRecord };
}

let db: Promise<IDBPDatabase<ArchiveSchema>> | null = null;

/** The page's IndexedDB of past runs; opened once, reopened after a failure. */
function archive(): Promise<IDBPDatabase<ArchiveSchema>> {
  db ??= openDB<ArchiveSchema>('distill-playground', 1, {
    upgrade(database) {
      database.createObjectStore('runs', { keyPath: 'key' });
    },
  }).catch((e: unknown) => {
    db = null;
    throw e;
  });
  return db;
}

export async function putRun(record: RunRecord): Promise<void> {
  await (await archive()).put('runs', record);
}

/** Newest first. */
export async function listRuns(): Promise<RunRecord[]> {
  const all = await (await archive()).getAll('runs');
  return all.map(upgradeRecord).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function deleteRun(key: string): Promise<void> {
  await (await archive()).delete('runs', key);
}

/** Bytes this origin uses and may use, where the browser says. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !('storage' in navigator)) return null;
  if (!('estimate' in navigator.storage)) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}

import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { readRecord } from './read-record';
import type { RunRecord } from './run-record';

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

/** The readable runs, newest first, and why each unreadable one was left out. */
export async function listRuns(): Promise<{ runs: RunRecord[]; unreadable: string[] }> {
  const all: unknown[] = await (await archive()).getAll('runs');
  const runs: RunRecord[] = [];
  const unreadable: string[] = [];
  for (const value of all) {
    const read = readRecord(value);
    if (read.ok) runs.push(read.record);
    else unreadable.push(read.error);
  }
  return { runs: runs.sort((a, b) => b.savedAt.localeCompare(a.savedAt)), unreadable };
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

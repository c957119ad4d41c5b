import { create } from 'zustand';
import { deleteRun, listRuns, putRun, storageEstimate } from './run-archive';
import { type RunRecord, defaultName, recordOf, storageProblem } from './run-record';
import type { RunState } from './run-store';

interface RunsStore {
  runs: RunRecord[];
  storage: { usage: number; quota: number } | null;
  /** Why runs are not being kept, when the browser refuses. */
  problem: string | null;
  refresh: () => Promise<void>;
  /**
   * Saves (or updates) the record of an ended or checkpointed run, in the background; returns its
   * key, which names its saved models too. A failure shows as `problem`.
   */
  save: (run: RunState) => string;
  /**
   * The storage key of run `runId`, made on first use or set to `key` (a saved run taken up
   * again): its checkpoints, its saved models and its record share it.
   */
  keyFor: (runId: number, key?: string) => string;
  rename: (key: string, name: string) => Promise<void>;
  remove: (key: string) => Promise<void>;
}

/** Storage keys of the runs of this page load, by run id, so later updates replace the record. */
const keys = new Map<number, string>();

/** The storage work in flight, one after another: saves in the background must not overtake. */
let queue: Promise<void> = Promise.resolve();
/**
 * The newest state of each run whose record is waiting to be written, by key. A run checkpoints at
 * every epoch end, many times a second for a small one; each write (and each listing) is work on
 * the page's main thread, so a burst of checkpoints is one write of the newest state, never a
 * queue that grows faster than it drains (it once kept the page from taking a click for minutes).
 */
const waiting = new Map<string, RunState>();

/** Resolves once every save, rename and delete asked for so far has finished. */
export function whenStored(): Promise<void> {
  return queue;
}

export const useRunsStore = create<RunsStore>()((set, get) => {
  const attempt = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(async () => {
      try {
        await work();
        const [{ runs, unreadable }, storage] = await Promise.all([listRuns(), storageEstimate()]);
        // Unreadable records are left out, and said so; the readable ones are all listed.
        const problem =
          unreadable.length === 0
            ? null
            : `${unreadable.length} saved run${unreadable.length === 1 ? '' : 's'} could not be read and ${unreadable.length === 1 ? 'is' : 'are'} not listed. ${unreadable[0] ?? ''}`;
        set({ runs, storage, problem });
      } catch (e) {
        set({ problem: storageProblem(e) });
      }
    });
    return queue;
  };
  return {
    runs: [],
    storage: null,
    problem: null,
    refresh: () => attempt(() => Promise.resolve()),
    keyFor: (runId, key) => {
      const known = key ?? keys.get(runId) ?? `${Date.now()}-${runId}`;
      keys.set(runId, known);
      return known;
    },
    save: (run) => {
      // An opened run keeps the key it was saved under.
      const key = run.archived ?? get().keyFor(run.id);
      const alreadyWaiting = waiting.has(key);
      waiting.set(key, run);
      if (alreadyWaiting) return key;
      void attempt(async () => {
        const latest = waiting.get(key) ?? run;
        waiting.delete(key);
        const record = recordOf(latest, key, new Date());
        if (!record) return;
        // A name given while the run was listed survives later updates; a default name follows
        // the run (a checkpoint's name does not know the changes made after it).
        const existing = get().runs.find((r) => r.key === key);
        const renamed = existing && existing.name !== defaultName(existing.config);
        await putRun(
          existing
            ? { ...record, name: renamed ? existing.name : record.name, savedAt: existing.savedAt }
            : record,
        );
      });
      return key;
    },
    rename: (key, name) =>
      attempt(async () => {
        const record = get().runs.find((r) => r.key === key);
        if (record) await putRun({ ...record, name: name.trim() || record.name });
      }),
    remove: (key) => attempt(() => deleteRun(key)),
  };
});

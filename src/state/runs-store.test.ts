import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import { deleteRun, listRuns, putRun } from './run-archive';
import { type RunState, useRunStore } from './run-store';
import { useRunsStore, whenStored } from './runs-store';

/** An ended run as the run store holds it. */
function endedRun(id: number, accuracy: number): RunState {
  useRunStore.setState({ run: null });
  const runId = useRunStore.getState().begin({ ...DEFAULT_CONFIG, seed: id });
  const { receive } = useRunStore.getState();
  receive({
    type: 'summary',
    runId,
    models: { teacher: { parameters: 10, accuracy } },
  });
  receive({ type: 'phase', runId, phase: 'stopped' });
  const run = useRunStore.getState().run;
  if (!run) throw new Error('no run');
  return run;
}

describe('the run archive and the Runs store', () => {
  beforeEach(async () => {
    for (const r of (await listRuns()).runs) await deleteRun(r.key);
    await deleteRun('broken');
    useRunsStore.setState({ runs: [], problem: null });
  });

  it('keeps records newest first, upgraded on read', async () => {
    const old = { ...(await recordOf(endedRun(1, 0.5))), savedAt: '2026-01-01T00:00:00.000Z' };
    const recent = { ...(await recordOf(endedRun(2, 0.6))), savedAt: '2026-06-01T00:00:00.000Z' };
    const legacyConfig: Partial<typeof old.config> = { ...old.config };
    delete legacyConfig.repeats;
    await putRun({ ...old, config: legacyConfig as typeof old.config });
    await putRun(recent);
    const { runs } = await listRuns();
    expect(runs.map((r) => r.key)).toEqual([recent.key, old.key]);
    // Saved before repeats existed: read as one seed.
    expect(runs[1]?.config.repeats).toBe(1);
  });

  it('lists the readable runs and says which one it could not read', async () => {
    await putRun(await recordOf(endedRun(4, 0.8)));
    const broken = { key: 'broken', name: 'Broken', savedAt: 'yesterday' };
    await putRun(broken as unknown as Parameters<typeof putRun>[0]);
    const { runs, unreadable } = await listRuns();
    expect(runs.map((r) => r.key)).toEqual(['k4']);
    expect(unreadable).toEqual(['"Broken" cannot be read: its date is not a date.']);
    await useRunsStore.getState().refresh();
    expect(useRunsStore.getState().runs).toHaveLength(1);
    expect(useRunsStore.getState().problem).toMatch(/^1 saved run could not be read/);
  });

  it('saves an ended run under its key, keeps a name the person gave, and deletes', async () => {
    const run = endedRun(3, 0.7);
    const key = useRunsStore.getState().save(run);
    expect(useRunsStore.getState().keyFor(run.id)).toBe(key);
    await whenStored();
    expect(useRunsStore.getState().problem).toBeNull();
    expect(useRunsStore.getState().runs.map((r) => r.name)).toEqual([
      'mnist · T 4 · α 0.7 · seed 3',
    ]);
    await useRunsStore.getState().rename(key, 'Mine');
    useRunsStore.getState().save(run);
    await whenStored();
    expect((await listRuns()).runs.map((r) => r.name)).toEqual(['Mine']);
    await useRunsStore.getState().remove(key);
    expect(useRunsStore.getState().runs).toEqual([]);
  });
});

async function recordOf(run: RunState) {
  const { recordOf: make } = await import('./run-record');
  const record = make(run, `k${run.config.seed}`, new Date());
  if (!record) throw new Error('no record');
  return record;
}

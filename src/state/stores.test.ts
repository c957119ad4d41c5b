import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import { useConfigStore } from './config-store';
import { conv, dense, denseStack } from '../core/layers';
import { MAX_LIVE_POINTS, isActive, useRunStore } from './run-store';
import { cellAt, useSweepStore, useTransferStore } from './sweep-store';

describe('run store', () => {
  beforeEach(() => {
    useRunStore.setState({ run: null, backend: null, notice: null });
  });

  it('applies messages of the current run and drops those of a superseded one', () => {
    const { begin, receive } = useRunStore.getState();
    const old = begin(DEFAULT_CONFIG);
    const current = begin(DEFAULT_CONFIG);
    receive({ type: 'phase', runId: old, phase: 'done' });
    receive({ type: 'phase', runId: current, phase: 'teacher' });
    receive({
      type: 'epoch',
      runId: old,
      result: { model: 'teacher', epoch: 1, trainLoss: 1, testAccuracy: 0.5 },
    });
    const run = useRunStore.getState().run;
    expect(run?.id).toBe(current);
    expect(run?.phase).toBe('teacher');
    expect(run?.epochs).toEqual([]);
    expect(isActive(run ?? null)).toBe(true);
  });

  it("keeps the teacher's learning-rate changes in the run's configuration, so its record replays them", () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin(DEFAULT_CONFIG);
    receive({ type: 'teacher-rate', runId: id, change: { step: 30, learningRate: 0.003 } });
    receive({ type: 'teacher-rate', runId: id + 1, change: { step: 40, learningRate: 0.1 } });
    expect(useRunStore.getState().run?.config.teacherSchedule).toEqual([
      { step: 0, learningRate: DEFAULT_CONFIG.learningRate },
      { step: 30, learningRate: 0.003 },
    ]);
  });

  it('keeps at most MAX_LIVE_POINTS live points per model: the first, the latest, the older thinned', () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin(DEFAULT_CONFIG);
    const points = Array.from({ length: MAX_LIVE_POINTS + 10 }, (_, i) => ({
      model: 'distilled' as const,
      epoch: i,
      loss: 1,
      accuracy: 0.5,
    }));
    receive({ type: 'progress', runId: id, step: 5, totalSteps: 10, points });
    const live = useRunStore.getState().run?.live;
    const kept = live?.distilled ?? [];
    expect(kept.length).toBeLessThanOrEqual(MAX_LIVE_POINTS);
    expect(kept[0]?.epoch).toBe(0);
    expect(kept.at(-1)?.epoch).toBe(MAX_LIVE_POINTS + 9);
    expect(kept[1]?.epoch).toBe(2);
    expect(live?.teacher).toEqual([]);
  });

  it('an error ends the run; an error outside a run becomes the page notice', () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin(DEFAULT_CONFIG);
    receive({ type: 'error', runId: id, message: 'Could not load the MNIST digits' });
    expect(isActive(useRunStore.getState().run)).toBe(false);
    receive({ type: 'device-lost', message: 'The GPU device was lost' });
    expect(useRunStore.getState().notice).toBe('The GPU device was lost');
  });
  it('a failed latency or analysis stays with its part of the ended run, not the whole run', () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin(DEFAULT_CONFIG);
    receive({ type: 'phase', runId: id, phase: 'done' });
    expect(useRunStore.getState().run?.latency).toBe('measuring');
    receive({ type: 'error', runId: id, scope: 'latency', message: 'device lost' });
    receive({ type: 'error', runId: id, scope: 'analysis', message: 'no memory' });
    receive({ type: 'error', runId: id, scope: 'persist', message: 'quota' });
    const run = useRunStore.getState().run;
    expect(run?.latency).toEqual({ failed: 'device lost' });
    expect(run?.analysisError).toBe('no memory');
    expect(run?.error).toBeNull();
    expect(run?.phase).toBe('done');
    expect(useRunStore.getState().notice).toBe('quota');
  });

  it('keeps a repeated run’s seeds, one per index, and the seed being trained', () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin({ ...DEFAULT_CONFIG, repeats: 2 });
    const result = (index: number) => ({
      index,
      seed: 42 + index,
      models: { teacher: { parameters: 1, accuracy: 0.9 } },
    });
    receive({ type: 'repeat', runId: id, index: 1, of: 2, seed: 43 });
    receive({ type: 'seed-result', runId: id, result: result(0) });
    receive({ type: 'seed-result', runId: id, result: result(0) });
    receive({ type: 'seed-result', runId: id, result: result(1) });
    const run = useRunStore.getState().run;
    expect(run?.repeat).toEqual({ index: 1, of: 2, seed: 43 });
    expect(run?.seeds.map((r) => r.index)).toEqual([0, 1]);
  });
  it('a dead worker keeps the run shown; Continue takes it up from its checkpoint', () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin(DEFAULT_CONFIG);
    receive({ type: 'phase', runId: id, phase: 'students' });
    receive({ type: 'checkpoint', runId: id, resume: { phase: 'students', epoch: 2 } });
    receive({ type: 'worker-died', message: 'The training worker failed: boom' });
    let run = useRunStore.getState().run;
    expect(run).toMatchObject({ workerDied: true, error: 'The training worker failed: boom' });
    expect(useRunStore.getState().notice).toBe('The training worker failed: boom');
    expect(useRunStore.getState().continueRun()).toBe(id);
    run = useRunStore.getState().run;
    expect(run).toMatchObject({ id, phase: 'loading', error: null, workerDied: false });
    expect(run?.checkpoint).toEqual({ phase: 'students', epoch: 2 });
  });

  it('a GPU error in the fused kernels fails the run with an offer to continue on tfjs', () => {
    const { begin, receive } = useRunStore.getState();
    const id = begin(DEFAULT_CONFIG);
    receive({ type: 'phase', runId: id, phase: 'teacher' });
    receive({ type: 'checkpoint', runId: id, resume: { phase: 'teacher', epoch: 1 } });
    receive({ type: 'error', runId: id, message: 'The GPU reported…', fusedFault: true });
    expect(useRunStore.getState().run).toMatchObject({
      fusedFault: true,
      error: 'The GPU reported…',
    });
    expect(useRunStore.getState().continueRun()).toBe(id);
    expect(useRunStore.getState().run).toMatchObject({ phase: 'loading', fusedFault: false });
    // Any other failure of the run makes no such offer.
    receive({ type: 'error', runId: id, message: 'boom' });
    expect(useRunStore.getState().run?.fusedFault).toBe(false);
  });

  it('a saved run opens as it was, and an interrupted one continues under a new id', () => {
    const { showRecord, continueRun } = useRunStore.getState();
    const record = {
      key: 'k1',
      name: 'a run',
      savedAt: '2026-11-30T00:00:00.000Z',
      phase: 'stopped' as const,
      config: DEFAULT_CONFIG,
      dataset: null,
      live: { teacher: [], distilled: [], scratch: [] },
      epochs: [{ model: 'teacher' as const, epoch: 1, trainLoss: 1, testAccuracy: 0.9 }],
      marks: [],
      summary: { teacher: { parameters: 5, accuracy: 0.9 } },
      latency: null,
    };
    const shown = showRecord(record);
    expect(useRunStore.getState().run).toMatchObject({
      id: shown,
      archived: 'k1',
      phase: 'stopped',
      epochs: record.epochs,
    });
    const continued = continueRun({ ...record, resume: { phase: 'teacher', epoch: 1 } });
    const run = useRunStore.getState().run;
    expect(continued).not.toBe(shown);
    expect(run?.phase).toBe('loading');
    expect(run?.archived).toBeUndefined();
    expect(run?.checkpoint).toEqual({ phase: 'teacher', epoch: 1 });
  });
});

describe('config store', () => {
  it('names a bad layer while it is being edited, and dataset switches resize', () => {
    const store = useConfigStore.getState();
    store.set({ teacherHidden: [dense(Number.NaN)] });
    let s = useConfigStore.getState();
    expect(s.errors.teacherHidden).toMatch(/^Layer 1: units must be a whole number/);
    s.set({ teacherHidden: [conv(8), dense(64, 'tanh')] });
    s = useConfigStore.getState();
    expect(s.errors).toEqual({});
    s.setDataset('spiral');
    s = useConfigStore.getState();
    expect(s.config.dataset).toBe('spiral');
    expect(s.config.studentHidden).toEqual(denseStack([4]));
    // Conv blocks need images: on the spiral they are named as the problem.
    s.set({ teacherHidden: [conv(8)] });
    expect(useConfigStore.getState().errors.teacherHidden).toMatch(/need image data/);
  });
});

describe('sweep store', () => {
  const cell = (temperature: number, alpha: number) => ({
    temperature,
    alpha,
    accuracy: 0.8,
    agreement: 0.9,
    curve: [{ epoch: 1, trainLoss: 0.5, testAccuracy: 0.8 }],
    paired: { n: 10, onlyFirst: 1, onlySecond: 0 },
    reference: { accuracy: 0.7, curve: [{ epoch: 1, trainLoss: 0.6, testAccuracy: 0.7 }] },
  });

  it('collects the cells of the current sweep, drops an older sweep, and records the outcome', () => {
    const { begin, receive } = useSweepStore.getState();
    const old = begin({ runId: 1, axis: 'grid', temperatures: [1], alphas: [0.5], epochs: 1 });
    const request = begin({
      runId: 1,
      axis: 'grid',
      temperatures: [1, 2],
      alphas: [0.5],
      epochs: 1,
    });
    expect(request.sweepId).toBe(old.sweepId + 1);
    receive({ type: 'sweep-cell', sweepId: old.sweepId, cell: cell(1, 0.5), done: 1, total: 1 });
    receive({
      type: 'sweep-cell',
      sweepId: request.sweepId,
      cell: cell(2, 0.5),
      done: 1,
      total: 2,
    });
    receive({ type: 'sweep-end', sweepId: request.sweepId, outcome: 'cancelled' });
    const sweep = useSweepStore.getState().sweep;
    expect(sweep?.cells.map((c) => c.temperature)).toEqual([2]);
    expect(sweep?.status).toBe('cancelled');
    expect(sweep && cellAt(sweep, 2, 0.5)).toBe(0);
    expect(sweep && cellAt(sweep, 1, 0.5)).toBe(-1);
  });

  it("collects a transfer's seeds as each finishes, and every seed's epochs", () => {
    const { begin, receive } = useTransferStore.getState();
    const request = begin({
      runId: 2,
      axis: 'transfer',
      target: 'fashion-mnist',
      labels: 100,
      epochs: 2,
      mode: 'finetune',
    });
    const seed = (labeledRows: number) => ({ labeledRows, models: [], versus: null });
    receive({ type: 'sweep-epoch', sweepId: request.sweepId, epoch: 1, epochs: 4 });
    receive({
      type: 'sweep-transfer',
      sweepId: request.sweepId,
      result: seed(100),
      index: 0,
      of: 2,
    });
    receive({
      type: 'sweep-transfer',
      sweepId: request.sweepId,
      result: seed(101),
      index: 1,
      of: 2,
    });
    const sweep = useTransferStore.getState().sweep;
    expect(sweep?.transfers.map((t) => t.labeledRows)).toEqual([100, 101]);
    expect([sweep?.seeds, sweep?.epoch, sweep?.epochs]).toEqual([2, 1, 4]);
    // The sweep panel's store hears none of it.
    expect(useSweepStore.getState().sweep?.transfers ?? []).toEqual([]);
  });
});

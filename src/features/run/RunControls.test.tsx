// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, networkDefaults } from '../../core/config';
import { denseStack } from '../../core/layers';
import { useConfigStore } from '../../state/config-store';
import { useRunStore } from '../../state/run-store';
import { type FakeWorker, fakeClient } from '../../test-support/fake-client';
import { WorkerClientContext } from '../../worker-client/context';
import { RunControls } from './RunControls';

const moons = { ...DEFAULT_CONFIG, ...networkDefaults('moons'), dataset: 'moons' as const };
const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });

function setUp(): FakeWorker {
  const { client, worker } = fakeClient();
  render(
    <WorkerClientContext value={client}>
      <RunControls />
    </WorkerClientContext>,
  );
  return worker;
}

/** The worker's messages go to the run store, as the app's entry wires them. */
const tell = (message: Parameters<ReturnType<typeof useRunStore.getState>['receive']>[0]) => {
  act(() => {
    useRunStore.getState().receive(message);
  });
};

describe('RunControls', () => {
  beforeEach(() => {
    useConfigStore.getState().replace(moons);
    useRunStore.setState({ run: null, backend: { name: 'cpu' }, keepTraining: false });
  });
  afterEach(cleanup);

  it('Train starts the configured run and hands the focus to Pause; Pause, Resume, Stop follow the run', () => {
    const worker = setUp();
    expect(button('Pause').disabled).toBe(true);
    fireEvent.click(button('Train'));
    const start = worker.posted.at(-1);
    expect(start).toMatchObject({ type: 'start', config: moons, keepTraining: false });
    expect(button('Train').disabled).toBe(true);
    expect(document.activeElement).toBe(button('Pause'));

    fireEvent.click(button('Pause'));
    expect(worker.posted.at(-1)).toEqual({ type: 'pause' });
    const runId = start && 'runId' in start ? start.runId : -1;
    tell({ type: 'paused', runId, paused: true });
    expect(button('Resume').disabled).toBe(false);
    expect(document.activeElement).toBe(button('Resume'));
    fireEvent.click(button('Stop'));
    expect(worker.posted.at(-1)).toEqual({ type: 'stop' });
    tell({ type: 'phase', runId, phase: 'stopped' });
    expect(button('Train').disabled).toBe(false);
    expect(document.activeElement).toBe(button('Train'));
  });

  it('will not train an invalid configuration, and says why', () => {
    useConfigStore.getState().set({ studentHidden: denseStack([0]) });
    setUp();
    expect(button('Train').disabled).toBe(true);
    expect(screen.getByText('Fix the highlighted fields to train.')).toBeTruthy();
  });

  it('Keep training is sent to a run in progress, and is off for repeated runs', () => {
    const worker = setUp();
    const keep = screen.getByRole<HTMLInputElement>('checkbox', { name: /Keep training/ });
    fireEvent.click(button('Train'));
    fireEvent.click(keep);
    expect(worker.posted.at(-1)).toEqual({ type: 'keep-training', on: true });
    cleanup();
    useConfigStore.getState().set({ repeats: 3 });
    setUp();
    const disabled = screen.getByRole<HTMLInputElement>('checkbox', { name: /Keep training/ });
    expect(disabled.disabled).toBe(true);
    expect(disabled.checked).toBe(false);
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import { useConfigStore } from '../../state/config-store';
import { type FakeWorker, fakeClient } from '../../test-support/fake-client';
import { WorkerClientContext } from '../../worker-client/context';
import { CsvUpload } from './CsvUpload';

const columns = { name: 'iris.csv', columns: ['a', 'b', 'species'], rows: 150, hasHeader: true };
const spec = {
  name: 'iris.csv',
  features: 2,
  classes: 3,
  rows: 150,
  labelColumn: 2,
  labelName: 'species',
};

function setUp(): FakeWorker {
  const { client, worker } = fakeClient();
  render(
    <WorkerClientContext value={client}>
      <CsvUpload disabled={false} />
    </WorkerClientContext>,
  );
  return worker;
}

const pick = (name: string) => {
  const input = screen.getByLabelText('Upload CSV');
  fireEvent.change(input, { target: { files: [new File(['a,b,species'], name)] } });
};

describe('CsvUpload', () => {
  beforeEach(() => {
    useConfigStore.getState().replace(DEFAULT_CONFIG);
  });
  afterEach(cleanup);

  it('parses in the worker, proposes the last column, and switches once every cell passed', async () => {
    const worker = setUp();
    pick('iris.csv');
    expect(worker.posted.at(-1)).toMatchObject({ type: 'load-csv' });
    worker.answer({
      type: 'csv-columns',
      requestId: worker.lastRequestId(),
      result: { ok: true, value: columns },
    });
    await waitFor(() => {
      expect(worker.posted.at(-1)).toMatchObject({ type: 'csv-label', labelColumn: 2, seed: 42 });
    });
    expect(useConfigStore.getState().config.dataset).toBe('mnist');
    worker.answer({
      type: 'csv-spec',
      requestId: worker.lastRequestId(),
      result: { ok: true, value: spec },
    });
    await waitFor(() => {
      expect(useConfigStore.getState().config.csv).toEqual(spec);
    });
    expect(useConfigStore.getState().config.dataset).toBe('csv');
    expect(screen.getByRole('combobox', { name: 'Label column' })).toBeTruthy();
  });

  it('names a bad file and keeps the dataset loaded before', async () => {
    const worker = setUp();
    pick('bad.csv');
    const error = 'Row 3, column "b": "x" is not a number.';
    worker.answer({
      type: 'csv-columns',
      requestId: worker.lastRequestId(),
      result: { ok: false, error },
    });
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe(error);
    });
    expect(useConfigStore.getState().config.dataset).toBe('mnist');
  });

  it('a newer file supersedes an earlier one whose answer comes late', async () => {
    const worker = setUp();
    pick('first.csv');
    const first = worker.lastRequestId();
    pick('second.csv');
    const second = worker.lastRequestId();
    worker.answer({ type: 'csv-columns', requestId: first, result: { ok: false, error: 'stale' } });
    worker.answer({ type: 'csv-columns', requestId: second, result: { ok: true, value: columns } });
    await waitFor(() => {
      expect(worker.posted.at(-1)).toMatchObject({ type: 'csv-label' });
    });
    expect(screen.queryByText('stale')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../protocol/messages';
import { type FakeWorker, fakeClient } from '../test-support/fake-client';
import { RequestError } from './client';

function connect() {
  const { client, workers } = fakeClient();
  const heard: FromWorker[] = [];
  client.subscribe((m) => heard.push(m));
  return { client, workers, heard, worker: () => workers.at(-1) as FakeWorker };
}

const lastRequestId = (worker: FakeWorker) => worker.lastRequestId();

describe('WorkerClient.request', () => {
  it('resolves with the answer carrying its request id, and only that one', async () => {
    const { client, worker, heard } = connect();
    const first = client.request({ type: 'predict', runId: 1, features: new Float32Array(2) });
    const firstId = lastRequestId(worker());
    const second = client.request({ type: 'predict', runId: 1, features: new Float32Array(2) });
    const secondId = lastRequestId(worker());
    expect(secondId).not.toBe(firstId);
    worker().answer({
      type: 'prediction',
      runId: 1,
      requestId: secondId,
      probabilities: { teacher: [1, 0] },
    });
    worker().answer({
      type: 'prediction',
      runId: 1,
      requestId: firstId,
      probabilities: { teacher: [0, 1] },
    });
    await expect(second).resolves.toMatchObject({ probabilities: { teacher: [1, 0] } });
    await expect(first).resolves.toMatchObject({ probabilities: { teacher: [0, 1] } });
    // Answers go to their requests, not to every listener.
    expect(heard.filter((m) => m.type === 'prediction')).toEqual([]);
  });

  it('rejects with the worker’s error for that request', async () => {
    const { client, worker } = connect();
    const exported = client.request({ type: 'export', runId: 1, role: 'teacher', format: 'fp32' });
    worker().answer({ type: 'error', requestId: lastRequestId(worker()), message: 'disk full' });
    await expect(exported).rejects.toThrow(new RequestError('disk full'));
  });

  it('rejects when the page gives a request up, and drops its late answer', async () => {
    const { client, worker, heard } = connect();
    const controller = new AbortController();
    const pending = client.request(
      { type: 'load-csv', file: new File(['a,b'], 'x.csv') },
      { signal: controller.signal },
    );
    const id = lastRequestId(worker());
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    worker().answer({ type: 'csv-columns', requestId: id, result: { ok: false, error: 'late' } });
    expect(heard.filter((m) => m.type === 'csv-columns')).toEqual([]);
  });

  it('fails what the old worker was asked when it is replaced, and starts a new one', async () => {
    const { client, workers, worker, heard } = connect();
    const pending = client.request({ type: 'predict', runId: 1, features: new Float32Array(2) });
    const old = worker();
    client.replace('The training worker failed: boom');
    await expect(pending).rejects.toThrow('The training worker failed: boom');
    expect(old.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    // The new worker is initialised as the first was.
    expect(worker().posted[0]).toMatchObject({ type: 'init', backend: 'cpu' });
    expect(heard).toContainEqual({
      type: 'worker-died',
      message: 'The training worker failed: boom',
    });
  });

  it('replaces a worker that throws an uncaught error', () => {
    const { workers, worker, heard } = connect();
    worker().onerror?.({ message: 'kaboom', preventDefault: () => undefined } as ErrorEvent);
    expect(workers).toHaveLength(2);
    expect(heard).toContainEqual({
      type: 'worker-died',
      message: 'The training worker failed: kaboom',
    });
  });
});

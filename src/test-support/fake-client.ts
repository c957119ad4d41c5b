/**
 * A WorkerClient for component tests: records what the page sends, and answers requests the way
 * a test scripts them.
 */
import type { FromWorker, ToWorker } from '../protocol/messages';
import { WorkerClient } from '../worker-client/client';

export class FakeWorker {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: ToWorker): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
    this.onmessage = null;
  }
  /** The worker posts `message` to the page. */
  answer(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  /** The request id of the last message posted that carries one. */
  lastRequestId(): number {
    const last = [...this.posted].reverse().find((m) => 'requestId' in m);
    return last && 'requestId' in last ? last.requestId : -1;
  }
}

/** A connected client; `workers` are those it started (a replaced worker is followed by a new one). */
export function fakeClient(): { client: WorkerClient; workers: FakeWorker[]; worker: FakeWorker } {
  const workers: FakeWorker[] = [];
  const client = new WorkerClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  const shape = { input: { features: 2 }, classes: 2, teacherHidden: [], studentHidden: [] };
  client.connect({ backend: 'cpu', shape: { ...shape, batchSize: 1 } });
  return { client, workers, worker: workers[0] as FakeWorker };
}

import type { FromWorker, ToWorker } from '../protocol/messages';
import { ANSWERS, type AnswerTo, type RequestMessage } from '../protocol/requests';

type InitMessage = Extract<ToWorker, { type: 'init' }>;

type Listener = (message: FromWorker) => void;

interface Pending {
  answer: FromWorker['type'];
  resolve: (message: FromWorker) => void;
  reject: (error: Error) => void;
}

/** Why a request ends without its answer; `name` 'AbortError' when the page gave it up. */
export class RequestError extends Error {}

/**
 * Owns the training worker's lifecycle: the only place the page creates, talks to or ends it.
 * All of tfjs lives behind it, in the worker's own chunk.
 */
export class WorkerClient {
  private worker: Worker | null = null;
  private init: Omit<InitMessage, 'type'> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;

  constructor(
    private readonly spawn: () => Worker = () =>
      new Worker(new URL('../worker/main.ts', import.meta.url), {
        type: 'module',
        name: 'trainer',
      }),
  ) {}

  /** Starts the worker (once) and asks it to pick a backend as `init` says. */
  connect(init: Omit<InitMessage, 'type'>): void {
    if (this.worker) return;
    this.init = init;
    const worker = this.spawn();
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      this.emit(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.replace(`The training worker failed: ${event.message || 'unknown error'}`);
    };
    this.worker = worker;
    this.send({ type: 'init', ...init });
  }

  send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  /**
   * Sends a command the worker answers once, and resolves with that answer (matched by request
   * id). Rejects with the worker's error for it, when the worker is replaced, or when `signal`
   * aborts (an AbortError: the answer, if it comes, is dropped).
   */
  request<const M extends RequestMessage>(
    message: M,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<AnswerTo<M['type']>> {
    const requestId = this.nextRequestId++;
    return new Promise<AnswerTo<M['type']>>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new DOMException('The request was cancelled.', 'AbortError'));
        return;
      }
      this.pending.set(requestId, {
        answer: ANSWERS[message.type],
        resolve: (answer) => {
          resolve(answer as AnswerTo<M['type']>);
        },
        reject,
      });
      signal?.addEventListener('abort', () => {
        if (this.pending.delete(requestId)) {
          reject(new DOMException('The request was cancelled.', 'AbortError'));
        }
      });
      this.send({ ...message, requestId });
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /**
   * Ends the worker (after an uncaught error in it, or from a test hook), tells the page, and
   * starts a fresh one: whatever the page shows stays, and saved checkpoints can continue there.
   */
  replace(reason: string): void {
    this.terminate();
    // Nothing the old worker was asked will be answered.
    for (const { reject } of this.pending.values()) reject(new RequestError(reason));
    this.pending.clear();
    this.emit({ type: 'worker-died', message: reason });
    if (this.init) this.connect(this.init);
  }

  private emit(message: FromWorker): void {
    if (this.settle(message)) return;
    for (const listener of this.listeners) listener(message);
  }

  /** Answers (or fails) a pending request; true when the message was one. */
  private settle(message: FromWorker): boolean {
    const requestId = 'requestId' in message ? message.requestId : undefined;
    if (requestId === undefined) return false;
    const pending = this.pending.get(requestId);
    // An answer to a request given up (or made before a replacement) is dropped.
    if (!pending) return true;
    if (message.type === 'error') {
      this.pending.delete(requestId);
      pending.reject(new RequestError(message.message));
      return true;
    }
    if (message.type !== pending.answer) return false;
    this.pending.delete(requestId);
    pending.resolve(message);
    return true;
  }
}

import type { FromWorker, ToWorker } from '../protocol/messages';

type InitMessage = Extract<ToWorker, { type: 'init' }>;

type Listener = (message: FromWorker) => void;

/**
 * Owns the training worker's lifecycle: the only place the page creates, talks to or ends it.
 * All of tfjs lives behind it, in the worker's own chunk.
 */
export class WorkerClient {
  private worker: Worker | null = null;
  private init: Omit<InitMessage, 'type'> | null = null;
  private readonly listeners = new Set<Listener>();

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
    this.emit({ type: 'worker-died', message: reason });
    if (this.init) this.connect(this.init);
  }

  private emit(message: FromWorker): void {
    for (const listener of this.listeners) listener(message);
  }
}

/**
 * The worker's messages reach the page's stores in batches, so the main thread renders a bounded
 * number of times a second whatever the worker sends. A small run ends an epoch many times a
 * second and each message was one store update and one React render; on a loaded 2-core machine
 * those renders queued up faster than they ran and a click waited minutes for its turn.
 *
 * Messages keep their order. A streaming message (a live point, an epoch's numbers) waits for the
 * next batch; any other (a phase, Paused, an error, an answer) flushes what is queued at the next
 * task, so the page answers a person at once.
 */

/** At most this many batches a second of streaming messages: ten, like the worker's reports. */
export const BATCH_INTERVAL_MS = 100;

export interface BatchClock {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Runs after the current task's microtasks: where React has rendered what a batch changed. */
  afterRender: (run: () => void) => void;
}

const browserClock: BatchClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  afterRender: (run) => {
    queueMicrotask(run);
  },
};

export class MessageBatches<M> {
  private queue: M[] = [];
  private timer: unknown = null;
  private timerDue = Infinity;
  private lastStart = -Infinity;
  /** How long the last batch kept the main thread (its store updates and render). */
  private lastCost = 0;

  constructor(
    private readonly apply: (batch: readonly M[]) => void,
    private readonly streaming: (message: M) => boolean,
    private readonly clock: BatchClock = browserClock,
  ) {}

  push(message: M): void {
    this.queue.push(message);
    this.schedule(this.streaming(message) ? this.nextDue() : this.clock.now());
  }

  /**
   * When the next streaming batch may start: BATCH_INTERVAL_MS after the last one began, and no
   * sooner than the last one's own cost after it ended, so batches never take more than half of
   * the main thread however slow a render gets.
   */
  private nextDue(): number {
    return Math.max(this.lastStart + BATCH_INTERVAL_MS, this.lastStart + 2 * this.lastCost);
  }

  private schedule(due: number): void {
    if (this.timer !== null && this.timerDue <= due) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = this.clock.setTimeout(
      () => {
        this.flush();
      },
      Math.max(0, due - this.clock.now()),
    );
  }

  private flush(): void {
    this.timer = null;
    this.timerDue = Infinity;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const start = this.clock.now();
    this.lastStart = start;
    this.apply(batch);
    this.clock.afterRender(() => {
      this.lastCost = this.clock.now() - start;
    });
  }
}

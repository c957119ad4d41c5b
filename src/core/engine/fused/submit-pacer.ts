/**
 * How many training steps go into one submit, and how far the recording may run ahead of the
 * device, both by the device's measured time rather than by a fixed count.
 *
 * Recording a step costs microseconds of JavaScript; running it costs from microseconds (a real
 * GPU, a small network) to a second (SwiftShader, the MNIST teacher). A fixed number of steps a
 * submit therefore held SwiftShader's queue, which the page's rendering shares, for many seconds
 * at a time, and left a pause or stop waiting behind all of it; a real GPU's watchdog resets a
 * device whose submit runs that long. So each submit holds about SUBMIT_BUDGET_MS of measured
 * device time, and no more than MAX_IN_FLIGHT submits wait on the device at once: the training
 * loop waits for the device (`ready`) rather than queueing further.
 */

/** Device time one submit should hold: a few frames, well under any watchdog. */
export const SUBMIT_BUDGET_MS = 50;
/**
 * Submits the device may have queued while the next is recorded: enough to keep it busy. One
 * alone where a single step outlasts the budget, so a pause waits for one step at most beyond the
 * one running.
 */
export const MAX_IN_FLIGHT = 2;
/** A new measurement may raise the steps a submit by at most this factor. */
const MAX_GROWTH = 4;

export interface PacerQueue {
  onSubmittedWorkDone(): Promise<void>;
}

export class SubmitPacer {
  /** Steps the next submit takes before it goes; starts at one, until the device is measured. */
  stepsPerSubmit = 1;
  private readonly inFlight = new Set<Promise<void>>();
  /** When the device finished the last submit: a later one's device time starts no earlier. */
  private lastDone = -Infinity;
  /** A single step takes longer than the budget. */
  private slowSteps = false;

  constructor(
    private readonly queue: PacerQueue,
    private readonly now: () => number,
    private readonly maxSteps: number,
    private readonly budgetMs = SUBMIT_BUDGET_MS,
  ) {}

  /** Whether `recorded` steps fill a submit. */
  full(recorded: number): boolean {
    return recorded >= this.stepsPerSubmit;
  }

  /** A submit of `steps` training steps went to the device: times it, and keeps it in flight. */
  submitted(steps: number): void {
    const sent = this.now();
    const done: Promise<void> = this.queue.onSubmittedWorkDone().then(
      () => {
        this.inFlight.delete(done);
        const end = this.now();
        // Queued behind the previous submit, its device time starts where that one ended.
        const took = end - Math.max(sent, this.lastDone);
        this.lastDone = end;
        if (steps > 0) this.measured(took / steps);
      },
      () => {
        // A lost device fails the run's own reads, which say why; here it only stops pacing.
        this.inFlight.delete(done);
      },
    );
    this.inFlight.add(done);
  }

  /** Resolves once fewer than MAX_IN_FLIGHT submits (one, for slow steps) wait on the device. */
  async ready(): Promise<void> {
    const most = this.slowSteps ? 1 : MAX_IN_FLIGHT;
    while (this.inFlight.size >= most) await Promise.race(this.inFlight);
  }

  private measured(msPerStep: number): void {
    this.slowSteps = msPerStep > this.budgetMs;
    const fit = msPerStep > 0 ? Math.floor(this.budgetMs / msPerStep) : this.maxSteps;
    const bounded = Math.min(fit, this.stepsPerSubmit * MAX_GROWTH, this.maxSteps);
    this.stepsPerSubmit = Math.max(1, bounded);
  }
}

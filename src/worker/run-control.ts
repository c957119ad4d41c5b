/**
 * Drives the run's state machine (run-state.ts) for the session: moves it, tells the page what a
 * move means (a phase entered, a pause lifted), and holds the training loop at its gate while the
 * run is paused.
 */
import type { FromWorker } from '../protocol/messages';
import type { TrainingPhase } from '../protocol/phases';
import {
  DeviceLost,
  INITIAL_RUN_STATE,
  type RunEvent,
  type RunMachine,
  Stopped,
  isHeld,
  transition,
} from './run-state';

export interface RunControlDeps {
  post: (message: FromWorker) => void;
  yieldToEventLoop: () => Promise<void>;
  /** The run the posts belong to. */
  runId: () => number;
  /** Reports what was done before a pause takes effect. */
  beforePause: () => void;
}

export class RunControl {
  #state: RunMachine = INITIAL_RUN_STATE;
  private resumeWaiters: (() => void)[] = [];

  constructor(private readonly deps: RunControlDeps) {}

  /** Where the run stands; moved only by `apply`. */
  get state(): RunMachine {
    return this.#state;
  }

  /** Moves the state; a run released from a pause says so and wakes its loop. */
  apply(event: RunEvent): void {
    const before = this.#state;
    this.#state = transition(before, event);
    if (before.paused && !this.#state.paused) {
      this.deps.post({ type: 'paused', runId: this.deps.runId(), paused: false });
      for (const wake of this.resumeWaiters.splice(0)) wake();
    }
  }

  /** Enters a training phase and tells the page. */
  phase(phase: TrainingPhase): void {
    this.apply({ type: 'enter', phase });
    this.deps.post({ type: 'phase', runId: this.deps.runId(), phase });
  }

  /** Ends the run as done or stopped and tells the page. */
  end(how: 'done' | 'stopped'): void {
    this.apply({ type: 'end', how });
    this.deps.post({ type: 'phase', runId: this.deps.runId(), phase: how });
  }

  /**
   * Awaited before every training step: lets queued commands in, waits while paused, and ends the
   * run (Stopped, DeviceLost) where it was asked to.
   */
  async gate(): Promise<void> {
    await this.deps.yieldToEventLoop();
    if (isHeld(this.state)) {
      // Announce the pause only where it takes effect, after reporting every step done before it,
      // so the page never sees progress move once it shows "Paused".
      this.deps.beforePause();
      this.deps.post({ type: 'paused', runId: this.deps.runId(), paused: true });
      while (isHeld(this.state)) {
        await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
      }
    }
    if (this.state.stopRequested) throw new Stopped();
    if (this.state.deviceLost) throw new DeviceLost();
  }
}

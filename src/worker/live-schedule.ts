/**
 * The T, α and learning rate in force at each student step of a run: the configuration's schedule
 * replayed at its steps, and the page's live changes (slider moves) applied at the next step,
 * taking over from any replayed changes still to come. Each change reports where it applied, so
 * the page can keep the run's schedule and a link can replay it.
 */
import { type ExperimentConfig, startValues } from '../core/config';
import type { HyperChange } from '../core/schedule';
import type { LiveHyper } from '../protocol/messages';

/** A change as applied: `live` when the page made it during this run, not replayed. */
export type AppliedChange = HyperChange & { live: boolean };

const differs = (a: LiveHyper, b: LiveHyper) =>
  a.temperature !== b.temperature || a.alpha !== b.alpha || a.learningRate !== b.learningRate;

const valuesOf = ({ temperature, alpha, learningRate }: LiveHyper): LiveHyper => ({
  temperature,
  alpha,
  learningRate,
});

export class LiveSchedule {
  /** The values in force. */
  current: LiveHyper;
  private remaining: HyperChange[];
  private pending: Partial<LiveHyper> | null = null;

  constructor(
    config: Pick<ExperimentConfig, 'temperature' | 'alpha' | 'learningRate' | 'schedule'>,
  ) {
    this.current = startValues(config);
    this.remaining = [...config.schedule];
  }

  /** A change from the page, applied at the next student step. */
  request(patch: Partial<LiveHyper>): void {
    this.pending = { ...this.pending, ...patch };
  }

  /** The values the students use at `step` of a run (re)started at step `from`; the change made there, if any. */
  step(step: number, from: number): AppliedChange | null {
    let applied: AppliedChange | null = null;
    for (let next = this.remaining[0]; next && next.step <= step; next = this.remaining[0]) {
      this.remaining.shift();
      const values = valuesOf(next);
      // Changes before a resumed run's first step were reported when they were first made.
      if (differs(this.current, values) && next.step >= from && next.step > 0) {
        applied = { step, ...values, live: false };
      }
      this.current = values;
    }
    if (this.pending) {
      const values = { ...this.current, ...this.pending };
      this.pending = null;
      // The person takes over: replayed changes still to come no longer apply.
      this.remaining = [];
      if (differs(this.current, values)) applied = { step, ...values, live: true };
      this.current = values;
    }
    return applied;
  }

  /** The values in force once pending changes apply: what the page last asked for. */
  inForce(): LiveHyper {
    return { ...this.current, ...this.pending };
  }

  /** Pending changes take effect without a step (between phases, or for a repeated run's other seeds). */
  settle(): LiveHyper {
    if (this.pending) {
      this.current = { ...this.current, ...this.pending };
      this.pending = null;
    }
    return this.current;
  }
}

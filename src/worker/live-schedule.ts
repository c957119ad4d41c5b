/**
 * The T, α, learning rate and method parameter in force at each student step of a run: the configuration's schedule
 * replayed at its steps, and the page's live changes (slider moves) applied at the next step,
 * taking over from any replayed changes still to come. Each change reports where it applied, so
 * the page can keep the run's schedule and a link can replay it.
 */
import { type ExperimentConfig, startValues } from '../core/config';
import { type SettingsChange, type StepSettings, withChange } from '../core/schedule';
import { type TeacherRateChange, teacherRateAt, withTeacherRate } from '../core/teacher-rates';

/** A change as applied: `live` when the page made it during this run, not replayed. */
export type AppliedChange = SettingsChange & { live: boolean };

const differs = (a: StepSettings, b: StepSettings) =>
  a.temperature !== b.temperature ||
  a.alpha !== b.alpha ||
  a.learningRate !== b.learningRate ||
  a.param !== b.param;

const valuesOf = ({ temperature, alpha, learningRate, param }: StepSettings): StepSettings => ({
  temperature,
  alpha,
  learningRate,
  ...(param === undefined ? {} : { param }),
});

export class LiveSchedule {
  #current: StepSettings;
  private remaining: SettingsChange[];
  private pending: Partial<StepSettings> | null = null;
  /** The run's schedule with the live changes made so far: what its link replays. */
  private record: SettingsChange[];
  private readonly start: StepSettings;
  /** The teacher's rates: its schedule with the rates set while it trained (what a link replays). */
  private teacherRecord: TeacherRateChange[];

  constructor(
    config: Pick<
      ExperimentConfig,
      | 'temperature'
      | 'alpha'
      | 'learningRate'
      | 'schedule'
      | 'teacherSchedule'
      | 'students'
      | 'sliders'
    >,
  ) {
    this.start = startValues(config);
    this.#current = this.start;
    this.remaining = [...config.schedule];
    this.record = [...config.schedule];
    this.teacherRecord = [...(config.teacherSchedule ?? [])];
  }

  /** The values in force at the last student step. */
  get current(): StepSettings {
    return this.#current;
  }

  /** The teacher's rates as played, for the other seeds of a repeated run and the run's link. */
  playedTeacher(): readonly TeacherRateChange[] {
    return this.teacherRecord;
  }

  /**
   * The teacher's learning rate at its step `step`: its schedule's, or the rate the page asked for
   * since, which from that step on is part of the teacher's schedule (and returned as `change`).
   * The request stays pending: the students take it at their first step, as before.
   */
  teacherStep(step: number): { learningRate: number; change: TeacherRateChange | null } {
    const start = this.start.learningRate;
    const scheduled = teacherRateAt(this.teacherRecord, start, step);
    const asked = this.pending?.learningRate;
    if (asked === undefined || asked === scheduled)
      return { learningRate: scheduled, change: null };
    const change = { step, learningRate: asked };
    this.teacherRecord = withTeacherRate(this.teacherRecord, start, change);
    return { learningRate: asked, change };
  }

  /**
   * The schedule the run has followed, live changes included, as the page records it for the
   * run's link: a repeated run's other seeds replay exactly this.
   */
  played(): readonly SettingsChange[] {
    return this.record;
  }

  /** A change from the page, applied at the next student step. */
  request(patch: Partial<StepSettings>): void {
    this.pending = { ...this.pending, ...patch };
  }

  /** The values the students use at `step` of a run (re)started at step `from`; the change made there, if any. */
  step(step: number, from: number): AppliedChange | null {
    let applied: AppliedChange | null = null;
    for (let next = this.remaining[0]; next && next.step <= step; next = this.remaining[0]) {
      this.remaining.shift();
      const values = valuesOf(next);
      // Changes before a resumed run's first step were reported when they were first made.
      if (differs(this.#current, values) && next.step >= from && next.step > 0) {
        applied = { step, ...values, live: false };
      }
      this.#current = values;
    }
    if (this.pending) {
      const values = { ...this.#current, ...this.pending };
      this.pending = null;
      // The person takes over: replayed changes still to come no longer apply.
      this.remaining = [];
      if (differs(this.#current, values)) {
        applied = { step, ...values, live: true };
        this.record = withChange(this.record, this.start, { step, ...values });
      }
      this.#current = values;
    }
    return applied;
  }

  /** The values in force once pending changes apply: what the page last asked for. */
  inForce(): StepSettings {
    return { ...this.#current, ...this.pending };
  }
}

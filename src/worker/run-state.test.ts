import { describe, expect, it } from 'vitest';
import {
  INITIAL_RUN_STATE,
  InvalidTransition,
  type RunEvent,
  type RunMachine,
  isHeld,
  transition,
} from './run-state';

const run = (events: RunEvent[], from: RunMachine = INITIAL_RUN_STATE) =>
  events.reduce(transition, from);
const enter = (phase: 'loading' | 'teacher' | 'soft-targets' | 'students' | 'repeats') =>
  ({ type: 'enter', phase }) as const;
const training = run([{ type: 'start' }, { type: 'begin' }, enter('teacher')]);

describe('the run state machine', () => {
  it('goes through its phases in order, the teacher phase skippable', () => {
    const phases: string[] = [];
    let state = INITIAL_RUN_STATE;
    for (const event of [
      { type: 'start' },
      { type: 'begin' },
      enter('teacher'),
      enter('soft-targets'),
      enter('students'),
      enter('repeats'),
      { type: 'end', how: 'done' },
    ] as RunEvent[]) {
      state = transition(state, event);
      phases.push(state.phase);
    }
    expect(phases).toEqual([
      'idle',
      'loading',
      'teacher',
      'soft-targets',
      'students',
      'repeats',
      'done',
    ]);
    expect(run([{ type: 'begin' }, enter('soft-targets')]).phase).toBe('soft-targets');
  });

  it('refuses a phase out of order', () => {
    expect(() => transition(INITIAL_RUN_STATE, enter('students'))).toThrow(InvalidTransition);
    expect(() => transition(training, enter('students'))).toThrow(
      'A run in phase "teacher" cannot take "enter".',
    );
    expect(() => transition(INITIAL_RUN_STATE, { type: 'end', how: 'done' })).toThrow(
      InvalidTransition,
    );
  });

  it('pauses and resumes only while training; a divergence pauses too', () => {
    const paused = transition(training, { type: 'pause' });
    expect(paused.paused).toBe(true);
    expect(isHeld(paused)).toBe(true);
    expect(transition(paused, { type: 'resume' }).paused).toBe(false);
    expect(transition(training, { type: 'diverged' }).paused).toBe(true);
    expect(transition(INITIAL_RUN_STATE, { type: 'pause' })).toEqual(INITIAL_RUN_STATE);
    const done = run(
      [enter('soft-targets'), enter('students'), { type: 'end', how: 'done' }],
      training,
    );
    expect(transition(done, { type: 'pause' }).paused).toBe(false);
  });

  it('stops a training or paused run (released from its pause), and ignores Stop once ended', () => {
    const paused = transition(training, { type: 'pause' });
    const stopping = transition(paused, { type: 'stop' });
    expect(stopping).toMatchObject({ stopRequested: true, paused: false });
    expect(isHeld(transition(stopping, { type: 'pause' }))).toBe(false);
    const stopped = transition(stopping, { type: 'end', how: 'stopped' });
    expect(stopped.phase).toBe('stopped');
    expect(transition(stopped, { type: 'stop' })).toEqual(stopped);
  });

  it('a new start asks the run in progress to stop, then begins afresh', () => {
    const paused = transition(training, { type: 'pause' });
    const superseded = transition(paused, { type: 'start' });
    expect(superseded).toMatchObject({ phase: 'teacher', stopRequested: true, paused: false });
    expect(transition(superseded, { type: 'begin' })).toEqual({
      ...INITIAL_RUN_STATE,
      phase: 'loading',
    });
  });

  it('a lost device moves the run: recovering, then rebuilt and paused for the person', () => {
    const lost = transition(training, { type: 'device-lost' });
    expect(lost.deviceLost).toBe(true);
    const recovering = transition(lost, { type: 'recover' });
    expect(recovering).toMatchObject({
      phase: 'recovering',
      deviceLost: false,
      pauseWhenRebuilt: true,
    });
    const loading = transition(recovering, enter('loading'));
    const rebuilt = transition(loading, { type: 'rebuilt' });
    expect(rebuilt).toMatchObject({ phase: 'loading', paused: true, pauseWhenRebuilt: false });
    // A rebuild without a recovery does not pause.
    expect(transition(training, { type: 'rebuilt' }).paused).toBe(false);
    // A device lost after the run ended changes nothing; the next run begins clean.
    const done = { ...training, phase: 'done' as const };
    expect(transition(done, { type: 'device-lost' })).toEqual(done);
    expect(() => transition(done, { type: 'recover' })).toThrow(InvalidTransition);
  });

  it('fails from any phase, and a failed run can be started again', () => {
    const failed = transition(training, { type: 'end', how: 'failed' });
    expect(failed.phase).toBe('failed');
    expect(run([{ type: 'start' }, { type: 'begin' }], failed).phase).toBe('loading');
  });
});

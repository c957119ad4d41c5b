/**
 * A run's life, written down once: the phases it goes through, and the requests (pause, stop)
 * and faults (divergence, a lost GPU device) that change its course. Pure data and one transition
 * function; the session drives it and posts what it says.
 *
 *   idle ─start→ starting ─begin→ loading ─→ teacher ─→ soft-targets ─→ students ─→ repeats
 *                                    └──(teacher reused or imported)──┘      │         │
 *                                                                            ├─────────┴─→ done
 *   any training phase: pause ⇄ resume (diverged pauses too); stop → stopped (what was trained is
 *   kept); an error → failed; device lost → recovering → (rebuilt, paused) → the phase it resumes
 */
import { type EndPhase, type TrainingPhase, hasEnded, isTraining } from '../protocol/phases';

export type RunPhase = 'idle' | 'starting' | TrainingPhase | 'recovering' | EndPhase;

/** The run's state machine, as the worker drives it (the page's view of a run is state/run-types' RunState). */
export interface RunMachine {
  phase: RunPhase;
  /** Paused by the person, by a divergence, or after a recovery; only in a training phase. */
  paused: boolean;
  /** Stop was asked for: the loop ends at its next step. */
  stopRequested: boolean;
  /** The GPU device went away: the loop ends at its next step and the run moves elsewhere. */
  deviceLost: boolean;
  /** After a recovery the rebuilt run waits, paused, for the person to resume. */
  pauseWhenRebuilt: boolean;
  /**
   * The run's models are final (its results are being posted): the views that study them may
   * ask, while a repeated run's other seeds still train.
   */
  final: boolean;
}

export type RunEvent =
  /** A new run was asked for: whatever runs now must stop first. */
  | { type: 'start' }
  /** The previous run has ended and the backend is ready: the new run begins. */
  | { type: 'begin' }
  | { type: 'enter'; phase: TrainingPhase }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** A loss stopped being finite: the run pauses where it stands. */
  | { type: 'diverged' }
  | { type: 'device-lost' }
  /** The run is moving to another backend after a lost device. */
  | { type: 'recover' }
  /** Its models are back (from the last checkpoint, or new): it waits paused if it recovered. */
  | { type: 'rebuilt' }
  /** Its models are final: the results are posted, whatever follows (other seeds, the end). */
  | { type: 'final' }
  | { type: 'end'; how: EndPhase };

export const INITIAL_RUN_STATE: RunMachine = {
  phase: 'idle',
  paused: false,
  stopRequested: false,
  deviceLost: false,
  pauseWhenRebuilt: false,
  final: false,
};

export class InvalidTransition extends Error {}

/** Which training phases may follow which: the teacher phase is skipped for a ready teacher. */
const NEXT: Record<TrainingPhase, readonly TrainingPhase[]> = {
  loading: ['teacher', 'soft-targets'],
  teacher: ['soft-targets'],
  'soft-targets': ['students'],
  students: ['repeats'],
  repeats: [],
};

/** The state after `event`; a transition the run cannot take throws (a bug in the driver). */
export function transition(state: RunMachine, event: RunEvent): RunMachine {
  const invalid = () =>
    new InvalidTransition(`A run in phase "${state.phase}" cannot take "${event.type}".`);
  switch (event.type) {
    case 'start':
      // The run in progress (if any) ends at its next step; a paused one is released to do so.
      // Its models are about to go: nothing may ask about them any more.
      return { ...state, stopRequested: true, paused: false, final: false };
    case 'begin':
      return { ...INITIAL_RUN_STATE, phase: 'loading' };
    case 'enter': {
      const from = state.phase;
      const allowed =
        (isTraining(from) && NEXT[from].includes(event.phase)) ||
        // A recovered run starts over from loading, or a restored one resumes at its phase.
        ((from === 'recovering' || from === 'loading') && event.phase === 'loading');
      if (!allowed) throw invalid();
      return { ...state, phase: event.phase };
    }
    case 'pause':
    case 'diverged':
      return isTraining(state.phase) && !state.stopRequested ? { ...state, paused: true } : state;
    case 'resume':
      return { ...state, paused: false };
    case 'stop':
      return isTraining(state.phase) || state.phase === 'recovering' || state.phase === 'starting'
        ? { ...state, stopRequested: true, paused: false }
        : state;
    case 'device-lost':
      return hasEnded(state.phase) || state.phase === 'idle'
        ? state
        : { ...state, deviceLost: true };
    case 'recover':
      if (!isTraining(state.phase) && state.phase !== 'recovering') throw invalid();
      return {
        ...state,
        phase: 'recovering',
        deviceLost: false,
        paused: false,
        stopRequested: false,
        pauseWhenRebuilt: true,
      };
    case 'rebuilt':
      if (!isTraining(state.phase)) throw invalid();
      return { ...state, paused: state.paused || state.pauseWhenRebuilt, pauseWhenRebuilt: false };
    case 'final':
      if (state.phase === 'idle' || state.phase === 'starting') throw invalid();
      return { ...state, final: true };
    case 'end':
      if (state.phase === 'idle') throw invalid();
      return { ...state, phase: event.how, paused: false, deviceLost: false };
  }
}

/** Paused and not stopped: the loop waits at its next step. */
export function isHeld(state: RunMachine): boolean {
  return state.paused && !state.stopRequested;
}

/** Thrown at the next step once Stop was asked for: the run ends, keeping what it trained. */
export class Stopped extends Error {}

/** Thrown at the next step after the GPU device was lost; the run continues elsewhere. */
export class DeviceLost extends Error {}

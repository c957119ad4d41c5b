/**
 * The phases of a run, declared once for the worker's state machine (worker/run-state.ts) and the
 * page (the `phase` message, state/run-types.ts).
 */

/** Phases in which models train (or are about to); pause and stop apply here. */
export const TRAINING_PHASES = [
  'loading',
  'teacher',
  'soft-targets',
  'students',
  'repeats',
] as const;
export type TrainingPhase = (typeof TRAINING_PHASES)[number];

/** How a run ends. A failed run is told to the page as an error, not as a phase. */
export type EndPhase = 'done' | 'stopped' | 'failed';

/** What the page hears in a `phase` message. `repeats`: the other seeds of a repeated run train. */
export type Phase = TrainingPhase | Exclude<EndPhase, 'failed'>;

export function isTraining(phase: string): phase is TrainingPhase {
  return (TRAINING_PHASES as readonly string[]).includes(phase);
}

/** The one test of a run's end: done, stopped or failed. */
export function hasEnded(phase: string): phase is EndPhase {
  return phase === 'done' || phase === 'stopped' || phase === 'failed';
}

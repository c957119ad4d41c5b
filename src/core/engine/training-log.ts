/**
 * What a seed's training did, as the driver records it: each phase's first and last step and its
 * time in the worker. It lives with the seed's `Experiment`, so an experiment rebuilt from a
 * checkpoint knows only what it trained itself.
 */

/** The parts of a seed's training, in order; the teacher's is absent when its teacher is ready. */
export type SeedPhase = 'teacher' | 'soft-targets' | 'students';

/** Steps `from` … `to` − 1 of a training phase, which took `seconds`, the pauses excluded. */
export interface PhaseLog {
  from: number;
  to: number;
  seconds: number;
}

export class TrainingLog {
  readonly #phases: Partial<Record<'teacher' | 'students', PhaseLog>> = {};

  record(phase: 'teacher' | 'students', entry: PhaseLog): void {
    this.#phases[phase] = entry;
  }

  phase(phase: 'teacher' | 'students'): PhaseLog | undefined {
    return this.#phases[phase];
  }

  /** Takes `other`'s phases: an experiment rebuilt from a seed's kept weights reports its cost. */
  copyFrom(other: TrainingLog): void {
    for (const phase of ['teacher', 'students'] as const) {
      const entry = other.phase(phase);
      if (entry) this.record(phase, { ...entry });
    }
  }
}

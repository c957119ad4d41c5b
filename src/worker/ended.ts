/**
 * An ended run as the services that study it read it (ended-run.ts, transfer.ts): its final
 * models, the learning rate a sweep trains at, and its other seeds' kept weights.
 */
import type { Experiment } from '../core/engine/experiment';

/** A run whose models are final. */
export interface RunModels {
  runId: number;
  experiment: Experiment;
}

/** A repeated run's other seeds, rebuilt one at a time from their kept weights (seed-weights.ts). */
export interface OtherSeeds {
  count: number;
  /** Visits each in seed order, releasing it after; false when `visit` stopped it. */
  each(visit: (exp: Experiment) => Promise<boolean>): Promise<boolean>;
}

/** An ended run: its final models, and what a sweep on them needs. */
export interface EndedRun extends RunModels {
  /** The learning rate in force at the end, which a sweep trains at. */
  learningRate: number;
  otherSeeds: OtherSeeds;
}

/** What training produces, in the app's words: shared by the engine, the protocol and the page. */
import type { ModelId } from './roles';
import type { PairedCounts } from './significance/paired';
import type { TrainingCost } from './cost/training';

export interface EpochResult {
  model: ModelId;
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
  /** Top-1 agreement with the teacher on the test set (students only). */
  agreement?: number;
}

export interface ModelSummary {
  parameters: number;
  /** Multiply–adds per example; unknown for an imported teacher. */
  macs?: number;
  accuracy: number;
  agreement?: number;
  /** What training it cost (steps, examples, time, arithmetic, estimated energy). */
  training?: TrainingCost;
}

/**
 * The distilled student against the scratch student on the same test rows: who is right where
 * (accuracy) and who matches the teacher where (agreement, once the teacher has predictions).
 */
export interface StudentPairs {
  accuracy: PairedCounts;
  agreement?: PairedCounts;
  /**
   * The distilled student against the teacher on the labels (first: the student): what the student
   * misses that the teacher gets right, and the reverse. Absent in runs saved before it existed.
   */
  teacher?: PairedCounts;
}

/** One seed's finished experiment: its final numbers and the students' paired comparison. */
export interface SeedResult {
  /** 0 for the run's own seed, then 1, 2, … for seed + 1, seed + 2, … */
  index: number;
  seed: number;
  models: Partial<Record<ModelId, ModelSummary>>;
  students?: StudentPairs;
}

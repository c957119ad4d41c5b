/** A run's checkpoints as page and worker both name them: where one stands, what it holds. */
import type { ExperimentConfig } from '../core/config';
import type { ModelId } from '../core/roles';
import { modelIds } from '../core/students';

/** How far a run had come at its last checkpoint: epochs completed in its training phase. */
export interface Resume {
  phase: 'teacher' | 'students';
  epoch: number;
}

/**
 * Where a saved run's models are, which of them exist, and how the run ended; with `resume`, the
 * run was interrupted and training continues from that checkpoint.
 */
export interface SavedRun {
  key: string;
  roles: ModelId[];
  phase: 'done' | 'stopped';
  resume?: Resume;
}

/** "student epoch 3": where a checkpoint stands, in the words the page and its notices use. */
export function resumeText(resume: Resume): string {
  return `${resume.phase === 'teacher' ? 'teacher' : 'student'} epoch ${resume.epoch}`;
}

/** The models a checkpoint holds: the teacher while it trains, then every model of the run. */
export function checkpointRoles(resume: Resume, config: ExperimentConfig): ModelId[] {
  return resume.phase === 'teacher' ? ['teacher'] : modelIds(config);
}

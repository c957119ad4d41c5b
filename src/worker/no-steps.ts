import type { TrainingSteps } from '../core/engine/training-steps';

const none = (): never => {
  throw new Error('No experiment is training.');
};

/** The steps of no experiment: what a run holds before its engine is chosen and after it ends. */
export const NO_STEPS: TrainingSteps = {
  engine: 'tfjs',
  teacherStep: none,
  studentStep: none,
  metrics: none,
  evaluate: none,
  finishTeacher: none,
  sync: () => Promise.resolve(),
  settle: () => Promise.resolve(),
  dispose: () => undefined,
};

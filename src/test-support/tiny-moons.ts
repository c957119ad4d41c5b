import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from '../core/config';
import { denseStack } from '../core/layers';

/** A run small enough to train in a unit test: Moons, 2-8-2 teacher, 2-3-2 students, 5 epochs. */
export const TINY_MOONS: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('moons'),
  dataset: 'moons',
  samples: 200,
  teacherHidden: denseStack([8]),
  studentHidden: denseStack([3]),
  teacherEpochs: 2,
  studentEpochs: 3,
  labeledFraction: 0.2,
};

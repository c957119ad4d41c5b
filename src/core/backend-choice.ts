/**
 * What the automatic backend choice is keyed on and how it explains itself. No tfjs here: the
 * page computes the key of the networks being edited.
 */
import { type ExperimentConfig, datasetShape } from './config';

/** What the backend choice depends on: the networks' sizes and the batch, not their data. */
export interface ModelShape {
  features: number;
  classes: number;
  teacherHidden: number[];
  studentHidden: number[];
  batchSize: number;
}

export interface BackendSpeed<Name extends string = string> {
  name: Name;
  /** Training samples a second of one teacher step plus one student step. */
  samplesPerSecond: number;
}

export function modelShape(
  config: Pick<
    ExperimentConfig,
    'dataset' | 'csv' | 'teacherHidden' | 'studentHidden' | 'batchSize'
  >,
): ModelShape {
  const { features, classes } = datasetShape(config);
  const { teacherHidden, studentHidden, batchSize } = config;
  return { features, classes, teacherHidden, studentHidden, batchSize };
}

/** Cache key of a shape, e.g. "784:512,512:32:10@128". */
export function shapeKey(s: ModelShape): string {
  return `${s.features}:${s.teacherHidden.join(',')}:${s.studentHidden.join(',')}:${s.classes}@${s.batchSize}`;
}

/**
 * Why the fastest backend was picked, in one line: "webgl: 9.8× faster than webgpu on this
 * device (software adapter)". `ranking` is fastest first.
 */
export function explainChoice(ranking: readonly BackendSpeed[], softwareAdapter: boolean): string {
  const [best, ...rest] = ranking;
  if (!best) return 'no backend could be measured';
  // Against WebGPU when it lost (the comparison people expect), else against the runner-up.
  const runnerUp = rest.find((r) => r.name === 'webgpu') ?? rest[0];
  if (!runnerUp) return `${best.name}: the only backend that started`;
  const ratio = best.samplesPerSecond / runnerUp.samplesPerSecond;
  const software = softwareAdapter && runnerUp.name === 'webgpu' ? ' (software adapter)' : '';
  return `${best.name}: ${ratio.toFixed(1)}× faster than ${runnerUp.name} on this device${software}`;
}

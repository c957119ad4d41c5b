/**
 * What the automatic backend choice is keyed on and how it explains itself. No tfjs here: the
 * page computes the key of the networks being edited.
 */
import { type ExperimentConfig, datasetShape, inputShape } from './config';
import { type InputShape, type Layer, formatLayers, hasConv } from './layers';

/** What the backend choice depends on: the networks' sizes and the batch, not their data. */
export interface ModelShape {
  input: InputShape;
  classes: number;
  teacherHidden: Layer[];
  studentHidden: Layer[];
  batchSize: number;
}

export interface BackendSpeed<Name extends string = string> {
  name: Name;
  /** Training samples a second of one teacher step plus one student step. */
  samplesPerSecond: number;
  /** Measured on the fused engine a run there trains on (WebGPU's kernels, wasm's CPU engine). */
  fused?: boolean;
}

/** "wasm (fused CPU engine)": a backend as measured, for the choice's one line. */
function measuredName({ name, fused }: BackendSpeed): string {
  if (!fused) return name;
  return `${name} (${name === 'wasm' ? 'fused CPU engine' : 'fused kernels'})`;
}

export function modelShape(
  config: Pick<
    ExperimentConfig,
    'dataset' | 'csv' | 'teacherHidden' | 'studentHidden' | 'batchSize'
  >,
): ModelShape {
  const { classes } = datasetShape(config);
  const { teacherHidden, studentHidden, batchSize } = config;
  return { input: inputShape(config), classes, teacherHidden, studentHidden, batchSize };
}

/**
 * Cache key of a shape, e.g. "w784:512,512:32:10@128". Dropout is left out: the speed probe trains
 * without it, so it cannot change the choice.
 */
export function shapeKey(s: ModelShape): string {
  const layers = (l: Layer[]) =>
    formatLayers(l.map((x) => (x.kind === 'dense' ? { ...x, dropout: 0 } : x))).replace(/ /g, '');
  // "w": rankings since wasm is measured on the fused CPU engine, conv blocks too (before, a conv
  // run's ranking had no wasm); older ones are measured again.
  return `w${String(s.input.features)}:${layers(s.teacherHidden)}:${layers(s.studentHidden)}:${String(s.classes)}@${String(s.batchSize)}`;
}

/**
 * Why the fastest backend was picked, in one line: "wasm (fused CPU engine) trains 9.8× faster
 * here than webgpu (fused kernels), which this browser runs in software (no GPU access)".
 * `ranking` is fastest first.
 */
export function explainChoice(ranking: readonly BackendSpeed[], softwareAdapter: boolean): string {
  const [best, ...rest] = ranking;
  if (!best) return 'no backend could be measured';
  // Against WebGPU when it lost (the comparison people expect), else against the runner-up.
  const runnerUp = rest.find((r) => r.name === 'webgpu') ?? rest[0];
  if (!runnerUp) return `${measuredName(best)} is the only backend that started`;
  const ratio = best.samplesPerSecond / runnerUp.samplesPerSecond;
  const software =
    softwareAdapter && runnerUp.name === 'webgpu'
      ? ', which this browser runs in software (no GPU access)'
      : '';
  return `${measuredName(best)} trains ${ratio.toFixed(1)}× faster here than ${measuredName(runnerUp)}${software}`;
}

/** Backward kernels a conv block needs to train; tfjs 4.22's wasm backend lacks the first. */
const CONV_TRAINING_KERNELS = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'];

/** The tfjs kernels training these networks needs beyond what every backend has. */
export function trainingKernels(
  shape: Pick<ModelShape, 'teacherHidden' | 'studentHidden'>,
): string[] {
  return hasConv(shape.teacherHidden) || hasConv(shape.studentHidden) ? CONV_TRAINING_KERNELS : [];
}

/** The one experiment configuration, its defaults and its limits. Pure data: no tfjs here. */

import { type InputShape, type Layer, denseStack, macCount, parameterCount } from './layers';
import { DATASET_SHAPES, DIGIT_SIDE, type DatasetName, isImageDataset } from './datasets';
import type { SettingsChange, StepSettings } from './schedule';
import { type TeacherRateChange, formatTeacherRates } from './teacher-rates';
import { sliderParam } from './slider-param';
import type { ModelId } from './roles';
import { type StudentSpec, hiddenOf, studentIds, studentsOf } from './students';

// The datasets' names, labels and shapes live in datasets.ts; most of the code imports them from
// here, with the configuration.
export {
  DATASET_LABELS,
  DATASET_NAMES,
  DATASET_SHAPES,
  IMAGE_DATASETS,
  isImageDataset,
  type BuiltinDataset,
  type DatasetName,
  type ImageDataset,
} from './datasets';
/** An uploaded CSV as the configuration knows it; the rows themselves stay in the worker. */
export interface CsvSpec {
  /** The file's name. */
  name: string;
  features: number;
  classes: number;
  rows: number;
  /** Index of the label column among the file's columns, and its name. */
  labelColumn: number;
  labelName: string;
}

export interface ExperimentConfig {
  dataset: DatasetName;
  /** Present when `dataset` is 'csv'. */
  csv?: CsvSpec;
  /** Points generated for a synthetic dataset (ignored for MNIST). */
  samples: number;
  /** Noise of a synthetic dataset, 0 (clean) to 1 (heavy overlap). */
  noise: number;
  /** The teacher's hidden layers (dense or conv–pool), each with its own dropout. */
  teacherHidden: Layer[];
  studentHidden: Layer[];
  teacherEpochs: number;
  studentEpochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  /** Weight of the soft (teacher) term; 0 is plain supervised training. */
  alpha: number;
  /** Share of the training set that keeps its hard labels for the students. */
  labeledFraction: number;
  /** When on, the distilled student also learns from the unlabelled rest via soft targets. */
  transferSet: boolean;
  seed: number;
  /**
   * Seeds the experiment is trained with, one after the other: seed, seed + 1, … Each changes the
   * split, the labelled subset, the initial weights, the batches and dropout.
   */
  repeats: number;
  /**
   * T, α and learning-rate changes at given student steps, as a run's sliders made them; empty for
   * none. Its first change (step 0) holds the start values; `temperature`, `alpha` and
   * `learningRate` above are the values its last change left, what the sliders show.
   */
  schedule: SettingsChange[];
  /**
   * The teacher's learning-rate changes at given teacher steps, as the slider made them while it
   * trained (teacher-rates.ts); absent or empty: the starting rate above for every teacher step.
   */
  teacherSchedule?: TeacherRateChange[];
  /**
   * The run's students, in order; absent: the default pair, "Distilled" (KD) and "Scratch", which
   * is what every link and saved run made before the list existed opens as.
   */
  students?: StudentSpec[];
  /**
   * The student the T and α above, the schedule and the sliders act on, by name (a KD or hint
   * student without its own T and α; or a DKD, label-smoothing or hint student, whose β, ε or γ a
   * slider moves); absent: the first KD or hint student without its own T and α, else the first
   * other candidate. Other KD students hold the starting T and α.
   */
  sliders?: string;
}

/** Inclusive bounds of every numeric field; the UI's inputs and the validator share them. */
export const LIMITS = {
  samples: { min: 100, max: 5000 },
  noise: { min: 0, max: 1 },
  teacherEpochs: { min: 1, max: 200 },
  studentEpochs: { min: 1, max: 200 },
  batchSize: { min: 1, max: 4096 },
  // Up to 10: high enough to watch a run diverge, which the page catches and explains.
  learningRate: { min: 1e-5, max: 10 },
  temperature: { min: 1, max: 20 },
  alpha: { min: 0, max: 1 },
  labeledFraction: { min: 0.01, max: 1 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  repeats: { min: 1, max: 10 },
} as const satisfies Partial<Record<keyof ExperimentConfig, { min: number; max: number }>>;

type NetworkDefaults = Pick<
  ExperimentConfig,
  'teacherHidden' | 'studentHidden' | 'teacherEpochs' | 'studentEpochs' | 'batchSize'
>;

/**
 * Networks sized for each kind of data: the image sets follow MNIST's reference in
 * docs/architecture.md; 2-D sets need far less.
 */
export function networkDefaults(dataset: DatasetName): NetworkDefaults {
  if (isImageDataset(dataset)) {
    return {
      teacherHidden: denseStack([512, 512], 0.3),
      studentHidden: denseStack([32]),
      teacherEpochs: 5,
      studentEpochs: 10,
      batchSize: 128,
    };
  }
  return {
    teacherHidden: denseStack([32, 32]),
    studentHidden: denseStack([4]),
    teacherEpochs: 40,
    studentEpochs: 40,
    batchSize: 32,
  };
}

/**
 * The default preset is the setting where distillation is known to pay (docs/architecture.md): MNIST with
 * 2.5 % of the labels and the teacher's soft targets on the unlabelled rest.
 */
export const DEFAULT_CONFIG: ExperimentConfig = {
  dataset: 'mnist',
  samples: 1000,
  noise: 0.2,
  ...networkDefaults('mnist'),
  learningRate: 0.001,
  temperature: 4,
  alpha: 0.7,
  labeledFraction: 0.025,
  transferSet: true,
  seed: 42,
  repeats: 1,
  schedule: [],
};

/** Input width and class count of the configured dataset (an unloaded CSV counts as 1 × 2). */
export function datasetShape(config: Pick<ExperimentConfig, 'dataset' | 'csv'>): {
  features: number;
  classes: number;
} {
  if (config.dataset !== 'csv') return DATASET_SHAPES[config.dataset];
  return config.csv ?? { features: 1, classes: 2 };
}

/** What the networks are fed: image rows are 28×28 images (only they can feed conv blocks). */
export function inputShape(config: Pick<ExperimentConfig, 'dataset' | 'csv'>): InputShape {
  const { features } = datasetShape(config);
  return isImageDataset(config.dataset) ? { features, imageSide: DIGIT_SIDE } : { features };
}

/** Parameters of the teacher or the student network this configuration describes. */
export function networkParameters(
  config: Pick<ExperimentConfig, 'dataset' | 'csv' | 'teacherHidden' | 'studentHidden'>,
  network: 'teacherHidden' | 'studentHidden',
): number {
  return parameterCount(inputShape(config), config[network], datasetShape(config).classes);
}

/**
 * Parameters of model `id` of a run of `config`: the teacher's network, or the student's own
 * hidden layers (the run's student network where it names none).
 */
export function modelParameters(config: ExperimentConfig, id: ModelId): number {
  return parameterCount(inputShape(config), modelHidden(config, id), datasetShape(config).classes);
}

/** Multiply–adds per example of model `id` of a run of `config` (layers.ts `macCount`). */
export function modelMacs(config: ExperimentConfig, id: ModelId): number {
  return macCount(inputShape(config), modelHidden(config, id), datasetShape(config).classes);
}

/** The hidden layers of model `id`: the teacher's, or a student's own (or the run's student's). */
function modelHidden(config: ExperimentConfig, id: ModelId): readonly Layer[] {
  if (id === 'teacher') return config.teacherHidden;
  const spec = studentsOf(config)[studentIds(config).indexOf(id)];
  return spec ? hiddenOf(spec, config.studentHidden) : config.studentHidden;
}

/**
 * The T, α, learning rate and (for a sliders' student with one) method parameter a run starts
 * with: its schedule's first change at step 0 when it has one, else the configuration's values.
 */
export function startValues(
  config: Pick<ExperimentConfig, 'temperature' | 'alpha' | 'learningRate' | 'schedule'> & {
    students?: readonly StudentSpec[];
    sliders?: string;
  },
): StepSettings {
  const first = config.schedule[0];
  const { temperature, alpha, learningRate } = first?.step === 0 ? first : config;
  const param = first?.step === 0 ? first.param : sliderParam(config)?.value;
  return { temperature, alpha, learningRate, ...(param === undefined ? {} : { param }) };
}

/** Whether `a` and `b` hold equal values (arrays and objects compared by content) in `fields`. */
export function sameFields(
  a: ExperimentConfig,
  b: ExperimentConfig,
  fields: readonly (keyof ExperimentConfig)[],
): boolean {
  return fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

/** Every field equal, compared field by field, so key order does not matter. */
export function sameConfig(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return sameFields(a, b, Object.keys(a) as (keyof ExperimentConfig)[]);
}

/** What the teacher and its data depend on; T, α, the students and the labelled share do not. */
const TEACHER_FIELDS = [
  'dataset',
  'csv',
  'samples',
  'noise',
  'seed',
  'teacherHidden',
  'teacherEpochs',
  'batchSize',
] as const;

/**
 * Whether two configurations train the same teacher on the same data: then a finished teacher can
 * be reused and only the students train.
 */
export function sameTeacher(a: ExperimentConfig, b: ExperimentConfig): boolean {
  // The teacher trains at the rates of its own schedule, else at the run's starting rate.
  const rates = (c: ExperimentConfig) =>
    formatTeacherRates(
      c.teacherSchedule?.length
        ? c.teacherSchedule
        : [{ step: 0, learningRate: startValues(c).learningRate }],
    );
  return sameFields(a, b, TEACHER_FIELDS) && rates(a) === rates(b);
}

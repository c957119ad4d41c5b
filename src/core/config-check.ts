/** Whether a configuration can start a run: its problems, field by field, in the page's words. */
import {
  type ExperimentConfig,
  LIMITS,
  datasetShape,
  inputShape,
  networkParameters,
} from './config';
import { layersProblem, parameterCount } from './layers';
import { methodProblem } from './methods';
import { MAX_SCHEDULE, scheduleProblem } from './schedule';
import { MAX_PARAMETERS, formatCount } from './size';
import { scheduleParamProblem } from './slider-param';
import { hiddenOf, slidersProblem, studentsOf, studentsProblem } from './students';
import { teacherRatesProblem } from './teacher-rates';

export type ConfigErrors = Partial<Record<keyof ExperimentConfig, string>>;

/** Field-by-field problems that must block a run; empty when the config can start. */
export function validateConfig(config: ExperimentConfig): ConfigErrors {
  const errors: ConfigErrors = {};
  if (config.dataset === 'csv' && !config.csv) errors.dataset = 'Upload a CSV file first.';
  for (const [key, { min, max }] of Object.entries(LIMITS) as [
    keyof typeof LIMITS,
    { min: number; max: number },
  ][]) {
    const value = config[key];
    if (!Number.isFinite(value)) errors[key] = 'Enter a number.';
    else if (value < min || value > max) errors[key] = `Must be between ${min} and ${max}.`;
  }
  for (const key of [
    'samples',
    'teacherEpochs',
    'studentEpochs',
    'batchSize',
    'seed',
    'repeats',
  ] as const) {
    if (!errors[key] && !Number.isInteger(config[key])) errors[key] = 'Must be a whole number.';
  }
  if (!errors.repeats && !errors.seed && config.seed + config.repeats - 1 > LIMITS.seed.max) {
    errors.repeats = `Seeds run from ${config.seed} up; the last must be at most ${LIMITS.seed.max}.`;
  }
  const schedule = scheduleProblem(config.schedule, LIMITS) ?? scheduleParamProblem(config);
  if (schedule) errors.schedule = schedule;
  const rates = teacherRatesProblem(
    config.teacherSchedule ?? [],
    LIMITS.learningRate,
    MAX_SCHEDULE,
  );
  if (rates) errors.teacherSchedule = rates;
  if (config.students) {
    const students = studentsProblem(config.students) ?? studentNetworksProblem(config);
    if (students) errors.students = students;
  }
  const method = config.students && methodsProblem(config);
  if (method && !errors.students) errors.students = method;
  const sliders = slidersProblem(config);
  if (sliders) errors.sliders = sliders;
  for (const key of ['teacherHidden', 'studentHidden'] as const) {
    const problem = layersProblem(config[key], inputShape(config));
    if (problem) {
      errors[key] = problem;
      continue;
    }
    const parameters = networkParameters(config, key);
    if (parameters > MAX_PARAMETERS) {
      errors[key] =
        `${formatCount(parameters)} parameters is more than the limit of ${formatCount(MAX_PARAMETERS)}.`;
    }
  }
  return errors;
}

/** The first student whose method cannot train on this run's data and networks, as a sentence. */
function methodsProblem(config: ExperimentConfig): string | null {
  const run = {
    classes: datasetShape(config).classes,
    importedTeacher: false,
    teacherLastDense: config.teacherHidden.at(-1)?.kind === 'dense',
  };
  for (const s of studentsOf(config)) {
    const studentLastDense = hiddenOf(s, config.studentHidden).at(-1)?.kind === 'dense';
    const problem = methodProblem(s.kind, { ...run, studentLastDense });
    if (problem) return `${s.name}: ${problem}`;
  }
  return null;
}

/** The first student whose own hidden layers break the network rules, as a sentence. */
function studentNetworksProblem(config: ExperimentConfig): string | null {
  const { classes } = datasetShape(config);
  for (const s of config.students ?? []) {
    if (!s.hidden) continue;
    const problem = layersProblem(s.hidden, inputShape(config));
    if (problem) return `${s.name}: ${problem}`;
    const parameters = parameterCount(inputShape(config), hiddenOf(s, []), classes);
    if (parameters > MAX_PARAMETERS) {
      return `${s.name}: ${formatCount(parameters)} parameters is more than the limit of ${formatCount(MAX_PARAMETERS)}.`;
    }
  }
  return null;
}

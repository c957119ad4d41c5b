/**
 * The other seeds of a repeated run (seed + 1, seed + 2, …), trained one after the other once the
 * run's own seed has finished. Each gets its own experiment — split, labelled subset, initial
 * weights, batches and dropout all follow its seed — and trains exactly as a fresh run of its seed
 * with the run's link would: the schedule the first seed followed, live changes included, replayed
 * at the same steps. Each is released when its numbers are posted; only the run's own seed keeps
 * its models for the analysis views.
 */
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { replay } from '../core/engine/driver';
import { Experiment } from '../core/engine/experiment';
import { pageEpoch, summarize, trainToEnd } from '../core/engine/headless';
import type { SettingsChange } from '../core/schedule';
import type { TeacherRateChange } from '../core/teacher-rates';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { FromWorker } from '../protocol/messages';
import { buildExperiment } from '../core/engine/load-teacher';
import type { ReadyTeacher } from '../core/engine/ready-teacher';
import { type KeptSeeds, type SeedWeights, readWeights } from './seed-weights';
import type { LiveSchedule } from './live-schedule';
import type { Progress } from './progress';
import type { RunControl } from './run-control';

export interface RepeatDeps {
  runId: number;
  post: (message: FromWorker) => void;
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
  /** The imported teacher every seed distils from (each loads its own copy), when the run has one. */
  imported: Pick<ReadyTeacher, 'artifacts' | 'info'> | null;
  /** Awaited before every step: pauses there, and throws to stop the run. */
  beforeStep(): Promise<void>;
  /** The schedule the run's first seed followed, its live changes included. */
  schedule: readonly SettingsChange[];
  /** The teacher's rates the first seed trained at, the ones set while it trained included. */
  teacherSchedule: readonly TeacherRateChange[];
  /** The engine that trains a seed's experiment (the fused kernels on WebGPU). */
  steps: (exp: Experiment) => Promise<TrainingSteps>;
  /** Keeps a finished seed's weights, so its models can be studied after the run. */
  keep: (index: number, weights: SeedWeights) => void;
}

/** What the other seeds take from the run that owns them (run.ts). */
export type RunFeed = Pick<
  RepeatDeps,
  'beforeStep' | 'schedule' | 'teacherSchedule' | 'steps' | 'keep'
>;

/** The run's gate and progress before every step, its schedules as played, engine and keep. */
export function runFeed(
  control: Pick<RunControl, 'gate'>,
  progress: Progress,
  schedule: LiveSchedule,
  steps: RepeatDeps['steps'],
  seeds: Pick<KeptSeeds, 'keep'>,
): RunFeed {
  return {
    beforeStep: async () => {
      await control.gate();
      progress.advance();
      if (progress.due) progress.flush();
    },
    schedule: schedule.played(),
    teacherSchedule: schedule.playedTeacher(),
    steps,
    keep: (index, weights) => {
      seeds.keep(index, weights);
    },
  };
}

/** Training steps of one more seed: its teacher's unless imported, then the students'. */
export function stepsPerSeed(exp: Experiment, importedTeacher: boolean): number {
  const { teacherEpochs, studentEpochs } = exp.config;
  const teacher = importedTeacher ? 0 : teacherEpochs * exp.teacherPlan.stepsPerEpoch;
  return teacher + studentEpochs * exp.studentStepsPerEpoch;
}

/** Trains seeds 1 … repeats − 1 of `config`, posting each one's epochs and final numbers. */
export async function trainOtherSeeds(config: ExperimentConfig, deps: RepeatDeps): Promise<void> {
  const { runId, post, imported } = deps;
  for (let index = 1; index < config.repeats; index++) {
    const seed = config.seed + index;
    post({ type: 'repeat', runId, index, of: config.repeats, seed });
    // The teacher's schedule as played is the seed's own (the teacher reads it from the
    // configuration); the students' start values stay the run's, their changes replayed below.
    const teacherSchedule = [...deps.teacherSchedule];
    const seedConfig = { ...config, seed, ...(teacherSchedule.length > 0 && { teacherSchedule }) };
    const dataset = await deps.loadDataset(seedConfig);
    const exp = await buildExperiment(dataset, seedConfig, imported);
    try {
      const steps = await deps.steps(exp);
      const trained = trainToEnd(
        exp,
        {
          trainTeacher: !imported,
          beforeStep: () => deps.beforeStep(),
          settings: replay({ ...config, schedule: deps.schedule }),
          onEpoch: (epoch) => {
            post({ type: 'seed-epoch', runId, index, result: pageEpoch(exp, epoch) });
          },
        },
        steps,
      ).finally(() => {
        steps.dispose();
      });
      await trained;
      const { models, students } = await summarize(exp);
      deps.keep(index, await readWeights(exp));
      post({ type: 'seed-result', runId, result: { index, seed, models, students } });
    } finally {
      exp.dispose();
    }
  }
}

import { sliderParam, withSliderParam } from '../core/slider-param';
import { paramsText } from '../core/methods';
import { type ExperimentConfig, startValues } from '../core/config';
import { type SettingsChange, scheduleSummary, withChange } from '../core/schedule';
import { type Layer, dense } from '../core/layers';
import { downsample } from '../core/downsample';
import {
  MODEL_ROLES,
  type SettingsMark,
  type LivePoint,
  type ModelId,
  type Resume,
} from '../protocol/messages';
import type { Phase } from '../protocol/phases';
import { type LatencyResult, type RunState, isFinished, measuredLatency } from './run-types';

/** Live points kept per model in a saved run: enough for its charts, small enough to store many. */
export const SAVED_LIVE_POINTS = 300;

/**
 * A finished run as the Runs list keeps it: what its charts and table need, not its weights. It
 * shares the run's own fields; `students`, `seeds`, `seedEpochs` and `transfer` are absent in
 * older saves.
 */
export interface RunRecord
  extends
    Pick<RunState, 'config' | 'dataset' | 'live' | 'epochs' | 'marks' | 'summary' | 'students'>,
    Partial<Pick<RunState, 'seeds' | 'seedEpochs' | 'teacherImported' | 'transfer'>> {
  key: string;
  name: string;
  /** ISO date of the run's end. */
  savedAt: string;
  phase: Extract<Phase, 'done' | 'stopped'>;
  latency: LatencyResult | null;
  /** Present while the run had not ended: its last checkpoint, where it can continue from. */
  resume?: Resume;
}

/**
 * The record of an ended run, or of a running one at its last checkpoint (`resume`); null for a
 * run with neither. `key` stays the same across updates.
 */
export function recordOf(run: RunState, key: string, savedAt: Date): RunRecord | null {
  const ended = isFinished(run);
  if (!ended && !run.checkpoint) return null;
  const config = appliedConfig(run);
  const live = Object.fromEntries(
    MODEL_ROLES.map((role) => [role, downsample(run.live[role], SAVED_LIVE_POINTS)]),
  ) as Record<ModelId, LivePoint[]>;
  return {
    key,
    name: defaultName(config),
    savedAt: savedAt.toISOString(),
    phase: run.phase === 'done' ? 'done' : 'stopped',
    config,
    dataset: run.dataset,
    live,
    epochs: run.epochs,
    marks: run.marks,
    summary: run.summary,
    ...(run.students ? { students: run.students } : {}),
    ...(run.teacherImported ? { teacherImported: run.teacherImported } : {}),
    seeds: run.seeds,
    seedEpochs: run.seedEpochs,
    latency: measuredLatency(run.latency),
    ...(run.transfer ? { transfer: run.transfer } : {}),
    ...(!ended && run.checkpoint ? { resume: run.checkpoint } : {}),
  };
}

/** The dataset as a saved run names it: an uploaded CSV by its file. */
export function datasetName(config: ExperimentConfig): string {
  return config.dataset === 'csv' ? (config.csv?.name ?? 'CSV') : config.dataset;
}

/**
 * The run's configuration with the schedule it followed: every change its marks record (replayed
 * or made live), so reopening it replays them; its T, α, learning rate and the sliders' student's
 * method parameter are where it ended.
 */
export function appliedConfig(run: Pick<RunState, 'config' | 'marks'>): ExperimentConfig {
  const marks = run.marks.filter((m) => m.step >= 0);
  const last = marks.at(-1);
  if (!last) return run.config;
  const start = startValues(run.config);
  const schedule = marks.reduce<SettingsChange[]>(
    (sch, { step, temperature, alpha, learningRate, param }) => {
      const change = { step, temperature, alpha, learningRate };
      return withChange(sch, start, param === undefined ? change : { ...change, param });
    },
    [],
  );
  const { temperature, alpha, learningRate, param } = last;
  const students = param === undefined ? {} : { students: withSliderParam(run.config, param) };
  return { ...run.config, temperature, alpha, learningRate, schedule, ...students };
}

/**
 * "mnist · T 4 → 16.5 · α 0.7 → 0 · seed 42" — what tells runs apart at a glance; a list of its
 * own adds each student's method and the parameters it set ("kd, ls ε 0.1, scratch").
 */
export function defaultName(config: ExperimentConfig): string {
  const { temperature, alpha } = scheduleSummary(config);
  // The sliders' student's β, ε or γ as the schedule moved it: "ls ε 0.1 → 0.99".
  const slider = sliderParam(config);
  const moved = config.schedule.flatMap((c) => (c.param === undefined ? [] : [c.param]));
  const [from, to] = [moved[0], moved.at(-1)];
  const shown =
    slider && from !== undefined && to !== undefined && from !== to
      ? { [slider.param]: `${from} → ${to}` }
      : {};
  const students = config.students
    ? ` · ${config.students
        .map((s, i) =>
          [s.kind, paramsText(s, true, i === slider?.index ? shown : {})].filter(Boolean).join(' '),
        )
        .join(', ')}`
    : '';
  return `${datasetName(config)} · T ${temperature} · α ${alpha}${students} · ${seedsText(config)}`;
}

/** "seed 42", or "seeds 42–44" for a repeated run. */
export function seedsText({ seed, repeats }: Pick<ExperimentConfig, 'seed' | 'repeats'>): string {
  return repeats > 1 ? `seeds ${seed}–${seed + repeats - 1}` : `seed ${seed}`;
}

/** Words for a storage failure: the browser refusing (private mode, quota) is not a bug. */
export function storageProblem(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') {
    return 'The browser’s storage for this page is full, so this run is kept in memory only. Delete old runs to make room.';
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return 'This browser refuses storage here (private mode?), so runs are kept in memory only.';
  }
  return `Runs could not be saved (${e instanceof Error ? e.message : String(e)}); this one is kept in memory only.`;
}

/**
 * A record as this version reads it. Runs saved before layers had their own activation and
 * dropout hold plain unit counts and one `teacherDropout`: they become ReLU dense layers; runs
 * saved before repeats ran one seed.
 */
export function upgradeRecord(record: RunRecord): RunRecord {
  const {
    teacherDropout = 0,
    repeats = 1,
    ...config
  } = record.config as Omit<ExperimentConfig, 'repeats' | 'schedule'> & {
    teacherDropout?: number;
    repeats?: number;
    schedule?: SettingsChange[];
  };
  const layers = (saved: readonly (Layer | number)[], dropout: number): Layer[] =>
    saved.map((l) => (typeof l === 'number' ? dense(l, 'relu', dropout) : l));
  const marks = record.marks as (Omit<SettingsMark, 'step' | 'learningRate' | 'live'> &
    Partial<SettingsMark>)[];
  return {
    ...record,
    // Marks saved before schedules had no step (never replayed) and no learning rate.
    marks: marks.map((m) => ({
      step: -1,
      learningRate: config.learningRate,
      live: true,
      ...m,
    })),
    config: {
      ...config,
      repeats,
      schedule: config.schedule ?? [],
      teacherHidden: layers(config.teacherHidden, teacherDropout),
      studentHidden: layers(config.studentHidden, 0),
    },
  };
}

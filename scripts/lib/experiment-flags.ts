/** Command-line flags of `npm run experiment`, turned into a validated ExperimentConfig. */
import { parseArgs } from 'node:util';
import {
  DATASET_NAMES,
  DEFAULT_CONFIG,
  type DatasetName,
  type ExperimentConfig,
  networkDefaults,
} from '../../src/core/config';
import { validateConfig } from '../../src/core/config-check';
import { parseLayers } from '../../src/core/layers';
import { type SettingsChange, parseSchedule } from '../../src/core/schedule';
import { parseTeacherRates } from '../../src/core/teacher-rates';
import { parseStudents } from '../../src/core/student-text';
import { type Sweep, parseSweep, sweepStudents } from './sweep-flag';
import { type TransferSpec, parseTransfer } from '../../src/core/transfer';

/** webgpu: in Node through Dawn, training on the fused kernels (scripts/lib/node-webgpu.ts). */
export const CLI_BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];

export interface ExperimentArgs {
  config: ExperimentConfig;
  backend: CliBackend;
  /** fused: the fused engine of webgpu (WGSL) or wasm (the CPU engine) trains; tfjs: tfjs's. */
  engine: 'fused' | 'tfjs';
  json: boolean;
  /** A tfjs model.json (its weight files beside it) to distil from instead of training a teacher. */
  teacherModel?: string;
  /** --sweep's T × α grid or list of networks: its students are `config.students`. */
  sweep?: Sweep;
  /** --transfer: each seed's trained models carried to this target task. */
  transfer?: TransferSpec;
  /** --rows: an image set's first training rows (and a quarter as many test rows). */
  rows?: number;
  /** --emit-pytorch: the folder the first seed's run is written to as a PyTorch experiment. */
  emitPytorch?: string;
}

export type ParsedFlags =
  { ok: true; args: ExperimentArgs } | { ok: false; error: string } | { ok: 'help' };

/** Numeric flags and the config field each sets. */
const NUMBER_FLAGS = {
  'teacher-epochs': 'teacherEpochs',
  'student-epochs': 'studentEpochs',
  temperature: 'temperature',
  alpha: 'alpha',
  'labeled-fraction': 'labeledFraction',
  'batch-size': 'batchSize',
  'learning-rate': 'learningRate',
  seed: 'seed',
  seeds: 'repeats',
  samples: 'samples',
  noise: 'noise',
} as const satisfies Record<string, keyof ExperimentConfig>;

type NumberFlag = keyof typeof NUMBER_FLAGS;

const stringOption = { type: 'string' } as const;
const OPTIONS = {
  dataset: stringOption,
  teacher: stringOption,
  'teacher-model': stringOption,
  student: stringOption,
  students: stringOption,
  schedule: stringOption,
  'teacher-schedule': stringOption,
  sliders: stringOption,
  sweep: stringOption,
  transfer: stringOption,
  'emit-pytorch': stringOption,
  rows: stringOption,
  'transfer-set': stringOption,
  backend: stringOption,
  engine: stringOption,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...(Object.fromEntries(Object.keys(NUMBER_FLAGS).map((k) => [k, stringOption])) as Record<
    NumberFlag,
    typeof stringOption
  >),
} as const;

export const USAGE = `Usage: npm run experiment -- [flags]

  --dataset mnist|fashion-mnist|spiral|moons|circles|xor|blobs   (default mnist; sets that dataset's network defaults)
  --teacher 512/0.3,512/0.3  teacher hidden layers    --student 32         student hidden layers
                           (units[activation][/dropout], e.g. 64tanh, 64gelu/0.2; c8x3 = conv–pool block, image sets only)
  --teacher-model path/model.json   distil from this TensorFlow.js model (Layers or Graph; its
                           weight files beside it) instead of training a teacher
  --teacher-epochs N       --student-epochs N         --batch-size B       --learning-rate LR
  --temperature T          --alpha A                  --labeled-fraction F --transfer-set on|off
  --samples N --noise X (2-D datasets)                                      --seed S
  --rows N                 MNIST / Fashion-MNIST: the first N training rows and N/4 test rows
  --students LIST          the run's students (default kd,scratch), each kind[:key=value]…:
                           kinds kd, dkd, ls, hint, scratch; keys T, alpha (held all run),
                           beta, ce, warmup (dkd), eps (ls), gamma (hint), hidden (widths
                           joined by -, e.g. 64-32; default --student), name; e.g.
                           kd,dkd:beta=8,ls:eps=0.1,hint:gamma=1,scratch:hidden=64
  --schedule STEP:T:α:LR[:P],… the link's sch format: T, α, learning rate and (optional) the
                           --sliders student's β, ε or γ from each student step on (the rate for
                           all; T, α and P for the --sliders student)
  --teacher-schedule STEP:LR,…  the link's tsch format: the teacher's learning rate from each
                           teacher step on (from step 0), as set while a page run's teacher trained
  --sliders NAME           the student that --temperature, --alpha and --schedule move: a kd or hint
                           student without its own T and α, or a dkd or ls student (P is its β or ε)
                           (default: the first kd/hint without its own); other kd students hold the
                           start T, α
  --sweep T=1,2,4,8:alpha=0.25,0.5,0.75,1   one kd student per cell and a scratch one, trained
                           together; prints the grid (replaces --students)
  --sweep hidden=8,16,32,64,128,256   capacity: a kd and a scratch student of each network
                           (widths joined by x for several layers: hidden=32x32,64x64), trained
                           together; prints accuracy and gain per size (replaces --students)
  --transfer fashion-mnist:labels=500:epochs=5:mode=finetune   after each seed, every trained model
                           (new output layer) and a fresh twin of it train on the target's labels;
                           mode probe freezes the hidden layers; labels=all for every row
  --emit-pytorch DIR       writes the first seed's run as a PyTorch experiment (train.py, config.json,
                           data.npz, init.npz, README.md) and what this run measured (playground.json);
                           npm run compare-pytorch -- DIR runs it and compares
  --seeds N                trains seeds S, S+1, … S+N−1 (1–10); prints each, then means with 95 % CIs
  --backend cpu|wasm|webgpu (default cpu; webgpu: Node through Dawn, fused WGSL kernels; wasm:
                           dense networks on the fused CPU engine)
  --engine fused|tfjs      tfjs: tfjs's own kernels on webgpu or wasm, not the fused ones
  --json                   one JSON object on stdout`;

/**
 * Starts from the defaults of the chosen dataset, applies every flag given, then validates with
 * the same rules as the page. Each error names the flag.
 */
export function parseExperimentFlags(argv: readonly string[]): ParsedFlags {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (values.help) return { ok: 'help' };

  const dataset = values.dataset ?? DEFAULT_CONFIG.dataset;
  if (!isDataset(dataset)) {
    return {
      ok: false,
      error: `--dataset must be one of ${DATASET_NAMES.join(', ')} (got "${dataset}").`,
    };
  }
  const config: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    ...networkDefaults(dataset),
    dataset,
  };

  for (const [flag, key] of Object.entries(NUMBER_FLAGS) as [
    NumberFlag,
    (typeof NUMBER_FLAGS)[NumberFlag],
  ][]) {
    const text = values[flag];
    if (text === undefined) continue;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      return { ok: false, error: `--${flag} must be a number (got "${text}").` };
    }
    config[key] = n;
  }

  for (const [flag, key] of [
    ['teacher', 'teacherHidden'],
    ['student', 'studentHidden'],
  ] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const parsed = parseLayers(text);
    if (!parsed.ok) return { ok: false, error: `--${flag}: ${parsed.error}` };
    config[key] = parsed.layers;
  }

  const transferSet = values['transfer-set'];
  if (transferSet !== undefined) {
    if (transferSet !== 'on' && transferSet !== 'off') {
      return { ok: false, error: `--transfer-set must be on or off (got "${transferSet}").` };
    }
    config.transferSet = transferSet === 'on';
  }

  const backend = values.backend ?? 'cpu';
  if (!isCliBackend(backend)) {
    return { ok: false, error: `--backend must be cpu, wasm or webgpu (got "${backend}").` };
  }
  const engine = values.engine ?? 'fused';
  if (engine !== 'fused' && engine !== 'tfjs') {
    return { ok: false, error: `--engine must be fused or tfjs (got "${engine}").` };
  }

  const scheduleText = values.schedule;
  if (scheduleText !== undefined) {
    const parsed = parseSchedule(scheduleText);
    if (!parsed.ok) return { ok: false, error: `--schedule: ${parsed.error}.` };
    config.schedule = parsed.schedule;
    // As in a link: the configuration's values are where the schedule ends.
    const last = parsed.schedule.at(-1);
    if (last) Object.assign(config, valuesOf(last));
  }
  const ratesText = values['teacher-schedule'];
  if (ratesText !== undefined) {
    const parsed = parseTeacherRates(ratesText);
    if (!parsed.ok) return { ok: false, error: `--teacher-schedule: ${parsed.error}.` };
    config.teacherSchedule = parsed.changes;
  }
  const studentsText = values.students;
  const sweepText = values.sweep;
  if (studentsText !== undefined && sweepText !== undefined) {
    return { ok: false, error: '--sweep makes its own students: give --students or --sweep.' };
  }
  if (studentsText !== undefined) {
    const parsed = parseStudents(studentsText);
    if (!parsed.ok) return { ok: false, error: `--students: ${parsed.error}` };
    config.students = parsed.students;
  }
  if (values.sliders !== undefined) config.sliders = values.sliders;

  const errors = Object.entries(validateConfig(config));
  if (errors.length > 0) {
    const flagOf = (key: string) =>
      Object.entries(NUMBER_FLAGS).find(([, k]) => k === key)?.[0] ??
      { teacherHidden: 'teacher', studentHidden: 'student', teacherSchedule: 'teacher-schedule' }[
        key
      ] ??
      key;
    return {
      ok: false,
      error: errors.map(([key, message]) => `--${flagOf(key)}: ${message}`).join('\n'),
    };
  }
  // The sweep's students come after validation: a grid may hold more than a run's 8.
  let sweep: Sweep | undefined;
  if (sweepText !== undefined) {
    const parsed = parseSweep(sweepText);
    if (!parsed.ok) return { ok: false, error: `--sweep: ${parsed.error}` };
    sweep = parsed.grid;
    config.students = sweepStudents(sweep);
  }
  let transfer: TransferSpec | undefined;
  if (values.transfer !== undefined) {
    const parsed = parseTransfer(values.transfer);
    if (!parsed.ok) return { ok: false, error: `--transfer: ${parsed.error}` };
    transfer = parsed.spec;
  }
  const teacherModel = values['teacher-model'];
  const emitPytorch = values['emit-pytorch'];
  const rows = values.rows === undefined ? undefined : Number(values.rows);
  if (rows !== undefined && !(Number.isInteger(rows) && rows >= 20)) {
    return { ok: false, error: `--rows must be a whole number from 20 (got "${values.rows}").` };
  }
  return {
    ok: true,
    args: {
      config,
      backend,
      engine,
      json: values.json ?? false,
      ...(teacherModel === undefined ? {} : { teacherModel }),
      ...(sweep ? { sweep } : {}),
      ...(transfer ? { transfer } : {}),
      ...(emitPytorch === undefined ? {} : { emitPytorch }),
      ...(rows === undefined ? {} : { rows }),
    },
  };
}

function valuesOf({ temperature, alpha, learningRate }: SettingsChange) {
  return { temperature, alpha, learningRate };
}

function isDataset(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

function isCliBackend(name: string): name is CliBackend {
  return (CLI_BACKENDS as readonly string[]).includes(name);
}

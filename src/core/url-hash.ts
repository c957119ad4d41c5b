/**
 * The whole configuration, seed included, as a URL hash ("#d=moons&t=16,16&…"), so a link
 * reproduces a run. Decoding trusts nothing: each field is checked on its own and a bad one falls
 * back to the default with a notice naming it; the rest of the link still applies.
 */
import { DATASET_NAMES, DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from './config';
import { validateConfig } from './config-check';
import { formatLayers, parseLayers } from './layers';
import { formatSchedule, parseSchedule } from './schedule';
import { formatTeacherRates, parseTeacherRates } from './teacher-rates';
import { formatStudents, parseStudents } from './student-text';
import { clip } from './clip';

/** Characters of a bad link value quoted in a notice. */
const URL_QUOTE = 24;
/** Characters of the reason a value was ignored. */
const REASON_QUOTE = 160;

/** Short keys, in the order links are written. */
const KEYS = {
  dataset: 'd',
  samples: 'n',
  noise: 'nz',
  teacherHidden: 't',
  studentHidden: 's',
  teacherEpochs: 'te',
  studentEpochs: 'se',
  batchSize: 'bs',
  learningRate: 'lr',
  temperature: 'T',
  alpha: 'a',
  labeledFraction: 'lf',
  transferSet: 'x',
  seed: 'seed',
  repeats: 'r',
  schedule: 'sch',
  teacherSchedule: 'tsch',
  students: 'stu',
  sliders: 'sl',
  // An uploaded CSV's rows never leave the browser, so a link cannot carry one.
} as const satisfies Record<Exclude<keyof ExperimentConfig, 'csv'>, string>;

type Field = keyof typeof KEYS;
const FIELDS = Object.keys(KEYS) as Field[];

/** Longer hashes are not read at all: no configuration needs a tenth of this. */
export const MAX_HASH_LENGTH = 2000;
/** Notices listed at most; a garbage link would otherwise produce one per key. */
const MAX_NOTICES = 6;

export function encodeHash(config: ExperimentConfig): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    if (field === 'schedule') {
      // Only a run whose sliders moved has one; a plain link stays short.
      if (config.schedule.length > 0) params.set(KEYS.schedule, formatSchedule(config.schedule));
      continue;
    }
    if (field === 'teacherSchedule') {
      // Only a run whose teacher's rate moved while it trained has one.
      const rates = config.teacherSchedule ?? [];
      if (rates.length > 0) params.set(KEYS.teacherSchedule, formatTeacherRates(rates));
      continue;
    }
    if (field === 'students') {
      // Only a run with its own list has one: the default pair's links stay as they were.
      if (config.students) params.set(KEYS.students, formatStudents(config.students));
      continue;
    }
    if (field === 'sliders') {
      if (config.sliders !== undefined) params.set(KEYS.sliders, config.sliders);
      continue;
    }
    const value = config[field];
    params.set(
      KEYS[field],
      Array.isArray(value)
        ? formatLayers(value).replace(/ /g, '')
        : typeof value === 'boolean'
          ? value
            ? '1'
            : '0'
          : String(value),
    );
  }
  // Commas, slashes, colons and a value's own "=" (the students' keys) are safe in a fragment and
  // far easier to read than %2C, %2F, %3A and %3D; URLSearchParams splits a pair at its first "=".
  const text = params.toString();
  return `#${text.replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':').replace(/%3D/g, '=')}`;
}

export interface DecodedHash {
  config: ExperimentConfig;
  /** One line per ignored part of the link; empty when it applied cleanly. */
  notices: string[];
  /** False when there was no hash to read (a plain visit). */
  present: boolean;
}

export function decodeHash(hash: string): DecodedHash {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return { config: DEFAULT_CONFIG, notices: [], present: false };
  if (text.length > MAX_HASH_LENGTH) {
    return {
      config: DEFAULT_CONFIG,
      notices: [`The link's settings are longer than ${MAX_HASH_LENGTH} characters; ignored.`],
      present: true,
    };
  }
  const params = new URLSearchParams(text);
  const notices: string[] = [];
  const known = new Set<string>(Object.values(KEYS));
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) notices.push(`Unknown setting "${clip(key, URL_QUOTE)}" ignored.`);
  }

  // The dataset first: the other defaults depend on it.
  const datasetText = params.get(KEYS.dataset);
  const dataset = DATASET_NAMES.find((d) => d === datasetText);
  if (datasetText === 'csv') {
    notices.push(
      `An uploaded CSV stays in the browser it was loaded in and cannot travel in a link; using ${DEFAULT_CONFIG.dataset}.`,
    );
  } else if (datasetText !== null && !dataset) {
    notices.push(
      `Unknown dataset "${clip(datasetText, URL_QUOTE)}"; using ${DEFAULT_CONFIG.dataset}.`,
    );
  }
  let config: ExperimentConfig = dataset
    ? { ...DEFAULT_CONFIG, dataset, ...networkDefaults(dataset) }
    : DEFAULT_CONFIG;

  for (const field of FIELDS) {
    if (field === 'dataset') continue;
    const raw = params.get(KEYS[field]);
    if (raw === null) continue;
    const parsed = parseField(field, raw);
    const candidate = parsed.ok ? { ...config, [field]: parsed.value } : config;
    const error = parsed.ok ? validateConfig(candidate)[field] : parsed.error;
    if (error) {
      // The reason may quote the value: clipped too, so junk cannot make a notice a wall of text.
      notices.push(
        `${KEYS[field]}=${clip(raw, URL_QUOTE)} ignored (${clip(error.replace(/\.$/, ''), REASON_QUOTE)}).`,
      );
    } else {
      config = candidate;
    }
  }
  const last = config.schedule.at(-1);
  if (
    last &&
    (last.temperature !== config.temperature ||
      last.alpha !== config.alpha ||
      last.learningRate !== config.learningRate)
  ) {
    notices.push(`sch ignored (its last change does not match T, a and lr).`);
    config = { ...config, schedule: [] };
  }
  const shown =
    notices.length > MAX_NOTICES
      ? [...notices.slice(0, MAX_NOTICES), `…and ${notices.length - MAX_NOTICES} more.`]
      : notices;
  return { config, notices: shown, present: true };
}

type Parsed = { ok: true; value: ExperimentConfig[Field] } | { ok: false; error: string };

function parseField(field: Field, raw: string): Parsed {
  if (field === 'teacherHidden' || field === 'studentHidden') {
    const spec = parseLayers(raw);
    return spec.ok ? { ok: true, value: spec.layers } : { ok: false, error: spec.error };
  }
  if (field === 'schedule') {
    const schedule = parseSchedule(raw);
    return schedule.ok
      ? { ok: true, value: schedule.schedule }
      : { ok: false, error: schedule.error };
  }
  if (field === 'teacherSchedule') {
    const rates = parseTeacherRates(raw);
    return rates.ok ? { ok: true, value: rates.changes } : { ok: false, error: rates.error };
  }
  if (field === 'students') {
    const students = parseStudents(raw);
    return students.ok
      ? { ok: true, value: students.students }
      : { ok: false, error: students.error };
  }
  if (field === 'sliders') return { ok: true, value: raw };
  if (field === 'transferSet') {
    if (raw === '1' || raw === '0') return { ok: true, value: raw === '1' };
    return { ok: false, error: 'use 1 or 0' };
  }
  // Number('') is 0 and Number(' 1') is 1: only a plain decimal number is accepted.
  if (!/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(raw)) return { ok: false, error: 'not a number' };
  // "-0" reads as 0: a link written back from it says 0.
  return { ok: true, value: Number(raw) + 0 };
}

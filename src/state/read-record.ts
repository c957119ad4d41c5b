/**
 * A saved run read back from IndexedDB, checked before the page uses it: anything can be there —
 * a record an older version wrote, one cut short, one a person or an extension edited. Returns the
 * record as this version reads it (`upgradeRecord`), or a named reason; it never throws.
 */
import { validateConfig } from '../core/config-check';
import { type RunRecord, upgradeRecord } from './run-record';

export type RecordRead = { ok: true; record: RunRecord } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isArrayOf = (v: unknown, item: (x: unknown) => boolean): boolean =>
  Array.isArray(v) && v.every(item);
const isLayer = (l: unknown) => typeof l === 'number' || isObject(l);
/** What the Transfer and Claims panels read of a seed: its models, each with its twin and counts. */
const isTransferSeed = (seed: unknown) =>
  isObject(seed) &&
  typeof seed.labeledRows === 'number' &&
  isArrayOf(
    seed.models,
    (m) => isObject(m) && isObject(m.fresh) && isObject(m.counts) && typeof m.name === 'string',
  ) &&
  (seed.versus === null || isObject(seed.versus));

/** The first field of `value` that a record cannot have as it is, or null. */
function shapeProblem(value: Record<string, unknown>): string | null {
  if (typeof value.key !== 'string' || value.key === '') return 'it has no key';
  if (typeof value.name !== 'string') return 'its name is not text';
  if (typeof value.savedAt !== 'string' || Number.isNaN(Date.parse(value.savedAt))) {
    return 'its date is not a date';
  }
  if (value.phase !== 'done' && value.phase !== 'stopped') return 'it neither finished nor stopped';
  const { config } = value;
  if (!isObject(config)) return 'it has no settings';
  if (!isArrayOf(config.teacherHidden, isLayer) || !isArrayOf(config.studentHidden, isLayer)) {
    return 'its networks are not lists of layers';
  }
  if (config.schedule !== undefined && !isArrayOf(config.schedule, isObject)) {
    return 'its schedule is not a list of changes';
  }
  if (config.students !== undefined && !isArrayOf(config.students, isObject)) {
    return 'its students are not a list';
  }
  if (!isObject(value.live) || !Object.values(value.live).every((v) => isArrayOf(v, isObject))) {
    return 'its curves are not lists of points';
  }
  for (const key of ['epochs', 'marks'] as const) {
    if (!isArrayOf(value[key], isObject)) return `its ${key} are not a list`;
  }
  for (const key of ['seeds', 'seedEpochs'] as const) {
    if (value[key] !== undefined && !isArrayOf(value[key], isObject)) {
      return `its ${key} are not a list`;
    }
  }
  if (!isObject(value.summary)) return 'its summary is not an object';
  const { transfer } = value;
  if (
    transfer !== undefined &&
    !(isObject(transfer) && isObject(transfer.spec) && isArrayOf(transfer.seeds, isTransferSeed))
  ) {
    return 'its transfer is not a finished transfer';
  }
  for (const key of ['dataset', 'latency'] as const) {
    if (value[key] !== null && value[key] !== undefined && !isObject(value[key])) {
      return `its ${key} is not an object`;
    }
  }
  return null;
}

export function readRecord(value: unknown): RecordRead {
  if (!isObject(value)) return { ok: false, error: 'A saved run is not an object.' };
  const where = typeof value.name === 'string' ? `"${value.name.slice(0, 40)}"` : 'A saved run';
  const shape = shapeProblem(value);
  if (shape) return { ok: false, error: `${where} cannot be read: ${shape}.` };
  const record = upgradeRecord(value as unknown as RunRecord);
  let errors: ReturnType<typeof validateConfig>;
  try {
    errors = validateConfig(record.config);
  } catch {
    // A field of the wrong type deep inside the settings (a student's name that is a number…).
    return {
      ok: false,
      error: `${where} cannot be read: its settings hold values of the wrong type.`,
    };
  }
  const first = Object.entries(errors)[0];
  if (first) return { ok: false, error: `${where} cannot be read: ${first[0]}: ${first[1]}` };
  return { ok: true, record };
}

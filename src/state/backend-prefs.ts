/**
 * What the page remembers about backends between visits, in localStorage: the person's choice
 * and the speeds measured for each network shape on this device. Storage may be refused (private
 * mode, quota): then nothing is remembered and the page works the same.
 */
import type { BackendSpeed } from '../core/backend-choice';
import { BACKEND_NAMES, type BackendMode, type BackendName } from '../protocol/messages';
import { readStored, readStoredObject, writeStored } from './safe-storage';

const MODE_KEY = 'backend';
const SPEEDS_KEY = 'backend-speeds.v1';
/** Shapes remembered at most; the oldest go first. */
const MAX_SHAPES = 20;

export type SpeedTable = Record<string, BackendSpeed<BackendName>[]>;

export function loadBackendMode(): BackendMode {
  const stored = readStored(MODE_KEY);
  return stored !== null && isBackendName(stored) ? stored : 'auto';
}

export function saveBackendMode(mode: BackendMode): void {
  writeStored(MODE_KEY, mode);
}

/** Saved rankings; anything malformed is dropped entry by entry, never trusted. */
export function loadSpeeds(): SpeedTable {
  const table: SpeedTable = {};
  for (const [key, value] of Object.entries(readStoredObject(SPEEDS_KEY) ?? {})) {
    if (Array.isArray(value) && value.length > 0 && value.every(isSpeed)) table[key] = value;
  }
  return table;
}

export function saveSpeeds(key: string, ranking: BackendSpeed<BackendName>[]): void {
  // A Map keeps insertion order: re-inserting moves `key` to the newest end.
  const table = new Map(Object.entries(loadSpeeds()));
  table.delete(key);
  table.set(key, ranking);
  const kept = [...table.entries()].slice(-MAX_SHAPES);
  writeStored(SPEEDS_KEY, JSON.stringify(Object.fromEntries(kept)));
}

function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKEND_NAMES as readonly string[]).includes(name);
}

function isSpeed(value: unknown): value is BackendSpeed<BackendName> {
  if (typeof value !== 'object' || value === null) return false;
  const { name, samplesPerSecond } = value as Record<string, unknown>;
  return (
    isBackendName(name) &&
    typeof samplesPerSecond === 'number' &&
    Number.isFinite(samplesPerSecond) &&
    samplesPerSecond > 0
  );
}

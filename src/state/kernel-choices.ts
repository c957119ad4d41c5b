/**
 * What the fused path learned of this device's GPU — the matmul variants the worker's tuning
 * chose, and the self-check's pass — kept in localStorage between visits so each runs once per
 * adapter (and shape). Anything but string
 * entries is dropped; a name this version does not know, the worker ignores (default variant).
 */
import { readStoredObject, writeStored } from './safe-storage';

const KEY = 'kernel-choices.v1';
/** Entries kept at most (adapters × shapes); the oldest go first. */
const MAX_ENTRIES = 200;

export function loadKernelChoices(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(readStoredObject(KEY) ?? {})) {
    if (typeof value === 'string') kept[key] = value;
  }
  return kept;
}

export function saveKernelChoices(entries: Record<string, string>): void {
  const all = Object.entries({ ...loadKernelChoices(), ...entries }).slice(-MAX_ENTRIES);
  writeStored(KEY, JSON.stringify(Object.fromEntries(all)));
}

/**
 * localStorage that may be refused (private mode, quota, a sandboxed frame): reads give null and
 * writes are dropped, and the page works the same, remembering less.
 */

/** Every key the page stores starts with this. */
export const STORAGE_PREFIX = 'distill-playground:';

export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(STORAGE_PREFIX + key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + key, value);
  } catch {
    // Refused storage only means this is not remembered.
  }
}

/** The stored JSON object under `key`; null when missing, unparsable or not a plain object. */
export function readStoredObject(key: string): Record<string, unknown> | null {
  const text = readStored(key);
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

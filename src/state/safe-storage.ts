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

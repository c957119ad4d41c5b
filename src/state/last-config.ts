import type { ExperimentConfig } from '../core/config';
import { decodeHash, encodeHash } from '../core/url-hash';

const KEY = 'distill-playground:last-config';

/** Saved at every Train, in the link format, so reading it back gets the same checks as a link. */
export function saveLastConfig(config: ExperimentConfig): void {
  try {
    localStorage.setItem(KEY, encodeHash(config));
  } catch {
    // Storage refused (private mode, quota): the preset is simply not offered.
  }
}

export function loadLastConfig(): ExperimentConfig | null {
  try {
    const decoded = decodeHash(localStorage.getItem(KEY) ?? '');
    return decoded.present && decoded.notices.length === 0 ? decoded.config : null;
  } catch {
    return null;
  }
}

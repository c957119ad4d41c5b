import type { ExperimentConfig } from '../core/config';
import { decodeHash, encodeHash } from '../core/url-hash';
import { readStored, writeStored } from './safe-storage';

const KEY = 'last-config';

/**
 * Saved at every Train, in the link format, so reading it back gets the same checks as a link.
 * Refused storage means the preset is simply not offered.
 */
export function saveLastConfig(config: ExperimentConfig): void {
  writeStored(KEY, encodeHash(config));
}

export function loadLastConfig(): ExperimentConfig | null {
  const decoded = decodeHash(readStored(KEY) ?? '');
  return decoded.present && decoded.notices.length === 0 ? decoded.config : null;
}

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import { encodeHash } from '../core/url-hash';
import { useConfigStore } from './config-store';
import { startUrlSync } from './url-sync';

describe('URL sync', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => {
    useConfigStore.getState().replace(DEFAULT_CONFIG);
    useConfigStore.getState().setLinkNotices([]);
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    stop();
  });

  it('applies a link at load, with a notice for what it could not apply', () => {
    window.history.replaceState(null, '', '/#d=moons&T=7.5&x=banana');
    stop = startUrlSync(window.location, window.history);
    const { config, linkNotices } = useConfigStore.getState();
    expect(config.dataset).toBe('moons');
    expect(config.temperature).toBe(7.5);
    expect(linkNotices).toEqual(['x=banana ignored (use 1 or 0).']);
    // The hash is rewritten to the whole configuration that applied.
    expect(window.location.hash).toBe(encodeHash(config));
  });

  it('writes every change to the hash, without adding history entries', () => {
    stop = startUrlSync(window.location, window.history);
    expect(window.location.hash).toBe(encodeHash(DEFAULT_CONFIG));
    const length = window.history.length;
    useConfigStore.getState().set({ seed: 7 });
    expect(window.location.hash).toMatch(/&seed=7&/);
    expect(window.history.length).toBe(length);
  });

  it('follows a hash changed in place (a link pasted into the address bar)', () => {
    stop = startUrlSync(window.location, window.history);
    window.location.hash = '#d=spiral&se=3';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const { config } = useConfigStore.getState();
    expect(config.dataset).toBe('spiral');
    expect(config.studentEpochs).toBe(3);
  });

  it('stops following once stopped', () => {
    stop = startUrlSync(window.location, window.history);
    stop();
    useConfigStore.getState().set({ seed: 9 });
    expect(window.location.hash).not.toMatch(/seed=9/);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBackendMode, loadSpeeds, saveBackendMode, saveSpeeds } from './backend-prefs';

/** A Map-backed localStorage; `refuse` makes every access throw, as in some private modes. */
function stubStorage(refuse = false) {
  const data = new Map<string, string>();
  const guard = () => {
    if (refuse) throw new DOMException('denied', 'SecurityError');
  };
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => (guard(), data.get(k) ?? null),
    setItem: (k: string, v: string) => {
      guard();
      data.set(k, v);
    },
  });
  return data;
}

describe('backend preferences', () => {
  beforeEach(() => {
    stubStorage();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('remembers a named backend and falls back to auto for anything else', () => {
    expect(loadBackendMode()).toBe('auto');
    saveBackendMode('wasm');
    expect(loadBackendMode()).toBe('wasm');
    localStorage.setItem('distill-playground:backend', 'quantum');
    expect(loadBackendMode()).toBe('auto');
  });

  it('keeps rankings by shape, newest last, at most twenty shapes', () => {
    for (let i = 0; i < 22; i++)
      saveSpeeds(`shape${i}`, [{ name: 'cpu', samplesPerSecond: i + 1 }]);
    saveSpeeds('shape5', [{ name: 'webgl', samplesPerSecond: 9 }]);
    const keys = Object.keys(loadSpeeds());
    expect(keys).toHaveLength(20);
    expect(keys.at(-1)).toBe('shape5');
    expect(keys).not.toContain('shape0');
    expect(loadSpeeds().shape5).toEqual([{ name: 'webgl', samplesPerSecond: 9 }]);
  });

  it('drops malformed entries one by one and survives garbage', () => {
    localStorage.setItem(
      'distill-playground:backend-speeds.v1',
      JSON.stringify({
        good: [{ name: 'webgl', samplesPerSecond: 3 }],
        badName: [{ name: 'gpu9', samplesPerSecond: 3 }],
        badSpeed: [{ name: 'cpu', samplesPerSecond: -1 }],
        empty: [],
        notArray: 'x',
      }),
    );
    expect(loadSpeeds()).toEqual({ good: [{ name: 'webgl', samplesPerSecond: 3 }] });
    localStorage.setItem('distill-playground:backend-speeds.v1', '{not json');
    expect(loadSpeeds()).toEqual({});
  });

  it('works without storage when the browser refuses it', () => {
    stubStorage(true);
    expect(() => {
      saveBackendMode('cpu');
      saveSpeeds('k', [{ name: 'cpu', samplesPerSecond: 1 }]);
    }).not.toThrow();
    expect(loadBackendMode()).toBe('auto');
    expect(loadSpeeds()).toEqual({});
  });
});

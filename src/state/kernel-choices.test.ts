import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKernelChoices, saveKernelChoices } from './kernel-choices';
import { STORAGE_PREFIX } from './safe-storage';

let data: Map<string, string>;

beforeEach(() => {
  data = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('kernel choices kept between visits', () => {
  it('adds new choices to the saved ones and reads them back', () => {
    saveKernelChoices({ 'gpu | forward 128×512×784': 'direct 8×8' });
    saveKernelChoices({ 'gpu | dW 785×512×128': 'shared 32×32' });
    expect(loadKernelChoices()).toEqual({
      'gpu | forward 128×512×784': 'direct 8×8',
      'gpu | dW 785×512×128': 'shared 32×32',
    });
  });

  it('drops anything malformed', () => {
    const key = `${STORAGE_PREFIX}kernel-choices.v1`;
    data.set(key, '{not json');
    expect(loadKernelChoices()).toEqual({});
    data.set(key, '["direct 8×8"]');
    expect(loadKernelChoices()).toEqual({});
    data.set(key, JSON.stringify({ a: 'direct 8×8', c: 3, d: null, e: {} }));
    expect(loadKernelChoices()).toEqual({ a: 'direct 8×8' });
  });
});

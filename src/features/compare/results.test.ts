import { describe, expect, it } from 'vitest';
import { gainSentence } from './results';

describe('gainSentence', () => {
  it('states a gain, a loss and no difference honestly', () => {
    expect(gainSentence(0.916, 0.795)).toBe(
      'Distillation gained 12.1 percentage points of test accuracy (distilled 91.6 % vs scratch 79.5 %).',
    );
    expect(gainSentence(0.9, 0.917)).toMatch(
      /^Distillation cost 1\.7 percentage points here: the scratch student did better/,
    );
    expect(gainSentence(0.9, 0.9)).toMatch(/^Distillation made no difference here/);
  });
});

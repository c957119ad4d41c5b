import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import { stepText } from './progress-text';

// In the order the worker reports them: the latest is the furthest.
const epochs = [708, 709].map((epoch) => ({
  model: 'distilled' as const,
  epoch,
  trainLoss: 0.1,
  testAccuracy: 0.9,
}));

describe('stepText', () => {
  it('counts against the plan while the run is within it', () => {
    const run = { step: 1200, totalSteps: 1500, epochs: [], config: DEFAULT_CONFIG };
    expect(stepText(run, true)).toBe(' · step 1,200 of 1,500');
  });

  it('says the epoch reached and the epochs planned once Keep training went past them', () => {
    const run = { step: 17775, totalSteps: 75, epochs, config: DEFAULT_CONFIG };
    expect(stepText(run, false)).toBe(' · step 17,775 · epoch 709 (10 planned)');
    expect(stepText(run, true)).toBe(
      ' · step 17,775 · epoch 709 (10 planned): keeps training until Stop',
    );
  });
});

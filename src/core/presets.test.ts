import { describe, expect, it } from 'vitest';
import { validateConfig } from './config-check';
import { denseStack } from './layers';
import { PRESETS, presetOf } from './presets';

describe('presets', () => {
  it('are valid configurations with distinct ids', () => {
    for (const preset of PRESETS) expect(validateConfig(preset.config)).toEqual({});
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it('include the three the page promises', () => {
    const originals = PRESETS.filter((p) => p.config.dataset !== 'fashion-mnist');
    const byLabel = Object.fromEntries(originals.map((p) => [p.label, p.config]));
    expect(byLabel['Few labels']).toMatchObject({
      dataset: 'mnist',
      labeledFraction: 0.025,
      transferSet: true,
    });
    expect(byLabel.Classic).toMatchObject({
      dataset: 'mnist',
      labeledFraction: 1,
      temperature: 20,
    });
    expect(byLabel['Tiny student']).toMatchObject({
      dataset: 'spiral',
      studentHidden: denseStack([2]),
    });
    expect(byLabel['CNN teacher']?.teacherHidden.filter((l) => l.kind === 'conv')).toHaveLength(2);
  });

  it('give every MNIST preset a Fashion-MNIST twin that differs only in its data', () => {
    const mnist = PRESETS.filter((p) => p.config.dataset === 'mnist');
    expect(mnist.length).toBeGreaterThanOrEqual(5);
    for (const p of mnist) {
      const twin = PRESETS.find((t) => t.id === `${p.id}-fashion`);
      expect(twin?.label).toBe(p.label);
      expect(twin?.config).toEqual({ ...p.config, dataset: 'fashion-mnist' });
      expect(twin?.about).toMatch(/Fashion-MNIST/);
    }
  });

  it('recognizes a configuration equal to a preset', () => {
    const classic = PRESETS[1];
    expect(classic && presetOf({ ...classic.config })).toBe(classic);
    expect(classic && presetOf({ ...classic.config, seed: 7 })).toBeUndefined();
  });
});

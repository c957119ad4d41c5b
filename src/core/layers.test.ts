import { describe, expect, it } from 'vitest';
import { parseLayerSpec } from './layers';
import { mlpParameterCount, fp32Bytes, formatBytes } from './size';
import { DEFAULT_CONFIG, validateConfig } from './config';

describe('parseLayerSpec', () => {
  it('accepts comma-separated unit counts with spaces', () => {
    expect(parseLayerSpec(' 512, 512 ')).toEqual({ ok: true, units: [512, 512] });
    expect(parseLayerSpec('32')).toEqual({ ok: true, units: [32] });
  });

  it('treats an empty field as no hidden layer', () => {
    expect(parseLayerSpec('   ')).toEqual({ ok: true, units: [] });
  });

  it.each([
    ['12,,x', /Empty entry at layer 2/],
    ['12, x', /"x" at layer 2 is not a whole number/],
    ['16, 0', /at least 1 unit \(layer 2\)/],
    ['1.5', /not a whole number/],
    ['-4', /not a whole number/],
    ['1,1,1,1,1,1,1,1,1', /At most 8 hidden layers \(got 9\)/],
    ['100000', /more than the limit of 4096/],
  ])('rejects %j with a message naming the problem', (text, message) => {
    const result = parseLayerSpec(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('model size arithmetic', () => {
  it('counts weights and biases of every dense layer', () => {
    // DESIGN.md's MNIST teacher: 784·512+512 + 512·512+512 + 512·10+10.
    expect(mlpParameterCount(784, [512, 512], 10)).toBe(669_706);
    expect(mlpParameterCount(784, [32], 10)).toBe(25_450);
    expect(mlpParameterCount(2, [], 3)).toBe(9);
    expect(fp32Bytes(25_450)).toBe(101_800);
  });

  it('formats bytes with decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(101_800)).toBe('101.8 KB');
    expect(formatBytes(2_678_824)).toBe('2.68 MB');
  });
});

describe('validateConfig', () => {
  it('accepts the defaults', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({});
  });

  it('names each out-of-range or non-integer field', () => {
    const errors = validateConfig({
      ...DEFAULT_CONFIG,
      temperature: 0.5,
      batchSize: 12.5,
      learningRate: Number.NaN,
      teacherHidden: [4096, 4096, 4096],
    });
    expect(errors.temperature).toMatch(/between 1 and 20/);
    expect(errors.batchSize).toMatch(/whole number/);
    expect(errors.learningRate).toMatch(/Enter a number/);
    expect(errors.teacherHidden).toMatch(/more than the limit/);
    expect(errors.alpha).toBeUndefined();
  });
});

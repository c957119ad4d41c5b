import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { dequantizeUint8, fromFloat16Bits, quantizeUint8, toFloat16Bits } from './quantize';

function randomValues(n: number, spread: number): Float32Array {
  const rng = createRng(7);
  return Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * spread);
}

describe('int8 (affine uint8 per tensor)', () => {
  it('round-trips within half a step, keeping min and max exact', () => {
    const values = randomValues(5000, 0.3);
    const q = quantizeUint8(values);
    const back = dequantizeUint8(q);
    const min = Math.min(...values);
    const max = Math.max(...values);
    expect(q.scale).toBeCloseTo((max - min) / 255, 12);
    expect(Math.min(...q.data)).toBe(0);
    expect(Math.max(...q.data)).toBe(255);
    for (let i = 0; i < values.length; i++) {
      expect(Math.abs((back[i] as number) - (values[i] as number))).toBeLessThanOrEqual(
        q.scale / 2 + 1e-7,
      );
    }
  });

  it('keeps a constant tensor exact', () => {
    const back = dequantizeUint8(quantizeUint8(new Float32Array([0, 0, 0])));
    expect([...back]).toEqual([0, 0, 0]);
  });
});

describe('fp16', () => {
  it('encodes known values bit for bit', () => {
    const bits = toFloat16Bits(
      new Float32Array([0, -0, 1, -2, 0.5, 65504, 1e6, 2 ** -24, 2 ** -14, Infinity]),
    );
    expect([...bits]).toEqual([
      0x0000, 0x8000, 0x3c00, 0xc000, 0x3800, 0x7bff, 0x7c00, 0x0001, 0x0400, 0x7c00,
    ]);
  });

  it('rounds ties to even', () => {
    // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): even mantissa wins.
    expect(toFloat16Bits(new Float32Array([1 + 2 ** -11]))[0]).toBe(0x3c00);
    expect(toFloat16Bits(new Float32Array([1 + 3 * 2 ** -11]))[0]).toBe(0x3c02);
  });

  it('round-trips with relative error at most 2^-11 in the normal range', () => {
    const values = randomValues(5000, 4).filter((v) => Math.abs(v) > 2 ** -14);
    const back = fromFloat16Bits(toFloat16Bits(values));
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      expect(Math.abs((back[i] as number) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11);
    }
  });
});

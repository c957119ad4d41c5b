import { describe, expect, it } from 'vitest';
import { parseAlphas, parseTemperatures } from './sweep-grid';

describe('sweep grid lists', () => {
  it('reads comma-separated values in order', () => {
    expect(parseTemperatures('1, 2,4 ,8')).toEqual({ ok: true, values: [1, 2, 4, 8] });
    expect(parseAlphas('0.25,0.5, 1,')).toEqual({ ok: true, values: [0.25, 0.5, 1] });
  });

  it('names what is wrong', () => {
    expect(parseTemperatures('')).toEqual({ ok: false, error: 'Enter at least one value.' });
    expect(parseTemperatures('1, x')).toEqual({ ok: false, error: '"x" is not a number.' });
    expect(parseTemperatures('0.5')).toEqual({ ok: false, error: '0.5 is outside 1–20.' });
    expect(parseAlphas('1.5')).toEqual({ ok: false, error: '1.5 is outside 0–1.' });
    expect(parseAlphas('0.5, 0.5')).toEqual({ ok: false, error: '0.5 is listed twice.' });
    expect(parseAlphas('0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8')).toEqual({
      ok: false,
      error: 'At most 8 values (got 9).',
    });
  });
});

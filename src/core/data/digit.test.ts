import { describe, expect, it } from 'vitest';
import { DIGIT_SIDE } from '../datasets';
import { preprocessDigit } from './digit';

const PAD = 280;

function pad(fill: (x: number, y: number) => number): Float32Array {
  const ink = new Float32Array(PAD * PAD);
  for (let y = 0; y < PAD; y++) for (let x = 0; x < PAD; x++) ink[y * PAD + x] = fill(x, y);
  return ink;
}

/** The 28×28 result as rows of '#' (ink ≥ 0.5), '.' otherwise. */
function picture(digit: Float32Array): string[] {
  return Array.from({ length: DIGIT_SIDE }, (_, y) =>
    Array.from({ length: DIGIT_SIDE }, (_, x) =>
      (digit[y * DIGIT_SIDE + x] as number) >= 0.5 ? '#' : '.',
    ).join(''),
  );
}

describe('preprocessDigit', () => {
  it('maps a tall bar to a 10×20 block centred by mass', () => {
    // 100 × 200 ink anywhere on the pad → scale 0.1 → 10 × 20, mass centre (5, 10) → offset (9, 4).
    const inside = (x: number, y: number) => x >= 150 && x < 250 && y >= 10 && y < 210;
    const digit = preprocessDigit(
      pad((x, y) => (inside(x, y) ? 1 : 0)),
      PAD,
      PAD,
    );
    expect(digit).not.toBeNull();
    const expected = Array.from({ length: DIGIT_SIDE * DIGIT_SIDE }, (_, i) => {
      const x = i % DIGIT_SIDE;
      const y = Math.floor(i / DIGIT_SIDE);
      return x >= 9 && x < 19 && y >= 4 && y < 24 ? 1 : 0;
    });
    expect([...(digit ?? [])]).toEqual(expected);
  });

  it('centres by mass, not by box: an L shifts towards its heavy corner', () => {
    // An L of two 40-px-thick strokes in a 200×200 box: the mass sits low and left.
    const digit = preprocessDigit(
      pad((x, y) => (x >= 40 && x < 240 && y >= 40 && y < 240 && (x < 80 || y >= 200) ? 1 : 0)),
      PAD,
      PAD,
    );
    const rows = picture(digit ?? new Float32Array());
    // Box 20×20, strokes 4 px: 80 px at mean (2, 10) and 64 px at mean (12, 18); mass centre
    // (6.44, 13.56) → offset (round 7.56, round 0.44) = (8, 0), where the box centre gives (4, 4).
    expect(rows[0]).toBe('........####................');
    expect(rows[15]).toBe('........####................');
    expect(rows[16]).toBe('........####################');
    expect(rows[19]).toBe('........####################');
    expect(rows[20]).toBe('.'.repeat(28));
  });

  it('averages partial coverage and returns null for an empty pad', () => {
    // A 280×5 horizontal line: scale 20/280, 20 × 0.357 → 20 × 1 pixel row at full ink.
    const digit = preprocessDigit(
      pad((_, y) => (y >= 100 && y < 105 ? 1 : 0)),
      PAD,
      PAD,
    );
    const sum = [...(digit ?? [])].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(20, 4);
    expect(preprocessDigit(new Float32Array(PAD * PAD), PAD, PAD)).toBeNull();
  });
});

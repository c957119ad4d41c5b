import { describe, expect, it } from 'vitest';
import { gridBounds, gridPoints, toCanvas } from './grid';

describe('decision-boundary grid', () => {
  const bounds = gridBounds(Float32Array.from([0, 0, 10, 5, 4, -5]));

  it('widens the data box by a tenth on each side', () => {
    expect(bounds).toEqual({ xMin: -1, xMax: 11, yMin: -6, yMax: 6 });
  });

  it('samples cell centres row by row from the top', () => {
    const points = gridPoints({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2);
    expect([...points]).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
  });

  it('maps data coordinates onto the canvas, y up', () => {
    expect(toCanvas(bounds, -1, 6, 240, 120)).toEqual({ px: 0, py: 0 });
    expect(toCanvas(bounds, 11, -6, 240, 120)).toEqual({ px: 240, py: 120 });
    expect(toCanvas(bounds, 5, 0, 240, 120)).toEqual({ px: 120, py: 60 });
  });

  it('copes with no points and with a single point', () => {
    expect(gridBounds(new Float32Array())).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
    const one = gridBounds(Float32Array.from([2, 3]));
    expect(one.xMin).toBeLessThan(2);
    expect(one.xMax).toBeGreaterThan(2);
  });
});

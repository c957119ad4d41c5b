import { describe, expect, it } from 'vitest';
import { labelRows, markText } from './settings-marks';

const mark = (epoch: number, temperature = 4, learningRate = 0.001) => ({
  step: epoch * 10,
  epoch,
  temperature,
  alpha: 0.7,
  learningRate,
  live: true,
});

describe('settings marks', () => {
  it('stack close labels in rows, and drop a label only when every row is taken', () => {
    // Span 10 epochs: a label takes 2 epochs of width.
    const marks = [mark(1), mark(1.5), mark(2), mark(2.5), mark(3.2), mark(5)];
    expect(labelRows(marks, 10)).toEqual([0, 1, 2, null, 0, 1]);
  });
  it('say what changed, the learning rate only when it did', () => {
    expect(markText(mark(1, 8), mark(0))).toBe('T=8 α=0.70');
    expect(markText(mark(1, 8, 0.01), mark(0))).toBe('T=8 α=0.70 lr=0.01');
  });
  it("say the sliders' student's method parameter where it changed; alone where T and α are its own", () => {
    const beta = (epoch: number, param: number, paramOnly?: boolean) => ({
      ...mark(epoch),
      param,
      paramLabel: 'β',
      ...(paramOnly ? { paramOnly } : {}),
    });
    expect(markText(beta(1, 4), beta(0, 8))).toBe('T=4 α=0.70 β=4');
    expect(markText({ ...beta(1, 8), temperature: 6 }, beta(0, 8))).toBe('T=6 α=0.70');
    expect(markText(beta(1, 2, true), undefined)).toBe('β=2');
  });
});

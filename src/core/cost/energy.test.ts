import { describe, expect, it } from 'vitest';
import { denseStack, macCount, parameterCount } from '../layers';
import { energyPerPrediction, predictionEnergy, trainingEnergy } from './energy';
import { rowsSeen, trainingCost } from './training';

const pj = (x: number) => x * 1e-12;

describe('energy per prediction', () => {
  it('recomputes a Moons student (2-4-2) by hand at each precision', () => {
    const macs = macCount({ features: 2 }, denseStack([4]), 2);
    const parameters = parameterCount({ features: 2 }, denseStack([4]), 2);
    expect([macs, parameters]).toEqual([16, 22]);
    const e = energyPerPrediction(macs, parameters);
    // fp32: 16 × (3.7 + 0.9) pJ of arithmetic; 22 words from an 8 KB SRAM at 5 pJ, or from DRAM
    // at 640 pJ.
    expect(e.fp32.lowJ).toBeCloseTo(pj(16 * 4.6 + 22 * 5), 20);
    expect(e.fp32.highJ).toBeCloseTo(pj(16 * 4.6 + 22 * 640), 20);
    // fp16: 16 × (1.1 + 0.4); 44 bytes, 11 words.
    expect(e.fp16.lowJ).toBeCloseTo(pj(16 * 1.5 + 11 * 5), 20);
    expect(e.fp16.highJ).toBeCloseTo(pj(16 * 1.5 + 11 * 640), 20);
    // int8: 16 × (0.2 + 0.03); 22 bytes, 5.5 words.
    expect(e.int8.lowJ).toBeCloseTo(pj(16 * 0.23 + 5.5 * 5), 20);
    expect(e.int8.highJ).toBeCloseTo(pj(16 * 0.23 + 5.5 * 640), 20);
  });

  it('reads weights that do not fit the 1 MB on-chip memory from DRAM, at both ends', () => {
    // The MNIST teacher, 784-512-512-10: 669,706 weights, 2.68 MB at fp32, 670 KB at int8.
    const macs = 784 * 512 + 512 * 512 + 512 * 10;
    const parameters = 669_706;
    const fp32 = predictionEnergy(macs, parameters, 'fp32');
    expect(fp32.lowJ).toBeCloseTo(pj(macs * 4.6 + parameters * 640), 15);
    expect(fp32.highJ).toBeCloseTo(pj(macs * 4.6 + parameters * 1300), 15);
    // At int8 it fits: the 1 MB SRAM's 50 pJ a word, or DRAM with a cold cache.
    const int8 = predictionEnergy(macs, parameters, 'int8');
    expect(int8.lowJ).toBeCloseTo(pj(macs * 0.23 + (parameters / 4) * 50), 15);
    expect(int8.highJ).toBeCloseTo(pj(macs * 0.23 + (parameters / 4) * 640), 15);
  });
});

describe('training cost', () => {
  it('counts the rows a plan hands out, an epoch’s last batch short', () => {
    expect(rowsSeen(100, 32, 4)).toBe(100);
    expect(rowsSeen(100, 32, 5)).toBe(132);
    // A pool smaller than a batch: every step the whole pool.
    expect(rowsSeen(12, 32, 30)).toBe(360);
  });

  it('prices arithmetic per example and the optimizer state per step, by hand', () => {
    // 2-4-2: 40 training multiply–adds an example, 22 parameters (352 bytes of weights,
    // gradients and moments: 88 words, 10 accesses a parameter a step = 2.5 passes).
    const low = pj(40 * 10 * 4.6 + 2 * 2.5 * 88 * 5);
    const high = pj(40 * 10 * 4.6 + 2 * 2.5 * 88 * 640);
    const e = trainingEnergy(40, 10, 22, 2);
    expect(e.lowJ).toBeCloseTo(low, 20);
    expect(e.highJ).toBeCloseTo(high, 20);
    const cost = trainingCost({
      trainingMacs: 40,
      parameters: 22,
      pool: 5,
      batch: 4,
      steps: 4,
      seconds: 1.5,
    });
    expect(cost).toEqual({
      steps: 4,
      samples: 10,
      seconds: 1.5,
      flops: 800,
      energyJ: trainingEnergy(40, 10, 22, 4),
    });
  });
});

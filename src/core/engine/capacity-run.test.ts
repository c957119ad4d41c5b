import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../../test-support/tiny-moons';
import { capacityFromSeed, capacityStudents } from '../capacity';
import type { ExperimentConfig } from '../config';
import { generateSynthetic } from '../data/synthetic';
import { Experiment } from './experiment';
import { trainToEnd } from './headless';
import { networkVariables } from './network';
import { rosterReport, sizeResults } from './roster-report';

/** Every weight of student `index` of `config`'s run, trained to its end, and the roster. */
async function trained(config: ExperimentConfig, index: number) {
  const exp = new Experiment(generateSynthetic('moons', config.samples, config.noise, 5), config);
  try {
    await trainToEnd(exp);
    const model = exp.studentAt(index).trainer.model;
    const weights = networkVariables(model).map((v) => Array.from(v.dataSync()));
    return { weights, roster: await rosterReport(exp) };
  } finally {
    exp.dispose();
  }
}

describe('a capacity sweep', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("trains each network's scratch student as a plain run of that network does: same seed, same steps", async () => {
    const config = { ...TINY_MOONS, seed: 9 };
    // The plain run: the default pair on a 3-unit student; its scratch student is second.
    const plain = await trained(config, 1);
    // The sweep over 2 and 3 units: "Scratch 3" is fourth.
    const sweep = await trained({ ...config, students: capacityStudents([[2], [3]]) }, 3);
    expect(sweep.weights).toEqual(plain.weights);
    expect(sweep.roster.students[3]?.accuracy).toBe(plain.roster.students[1]?.accuracy);
  });

  it('reads each network off the roster: both students and their paired test rows', async () => {
    const config = { ...TINY_MOONS, seed: 9, students: capacityStudents([[2], [3]]) };
    const { roster } = await trained(config, 0);
    const sizes = sizeResults(roster);
    expect(sizes.map((s) => [s.hidden, s.parameters])).toEqual([
      ['2', 2 * 2 + 2 + 2 * 2 + 2],
      ['3', 2 * 3 + 3 + 3 * 2 + 2],
    ]);
    expect(sizes[1]?.distilled).toBe(roster.students[2]?.accuracy);
    const [row] = capacityFromSeed(sizes);
    const counts = sizes[0]?.counts;
    expect(row?.gain.difference).toBeCloseTo(
      ((counts?.onlyFirst ?? 0) - (counts?.onlySecond ?? 0)) / (counts?.n ?? 1),
      12,
    );
  });
});

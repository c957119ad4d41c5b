import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_MOONS } from '../../test-support/tiny-moons';
import type { ExperimentConfig } from '../config';
import { conv } from '../layers';
import { generateSynthetic } from '../data/synthetic';
import type { TransferSpec } from '../transfer';
import { trainSeed } from './driver';
import { Experiment } from './experiment';
import { trainToEnd } from './headless';
import { type Network, networkVariables } from './network';
import { TfjsSteps } from './training-steps';
import { buildTransfer, runTransfer, transferHead } from './transfer-run';

const weights = (n: Network) => networkVariables(n).map((v) => Array.from(v.dataSync()));

const source: ExperimentConfig = { ...TINY_MOONS, seed: 4 };
/** Circles: the same two inputs as Moons, another task. */
const target = () => generateSynthetic('circles', 160, 0.1, 4);
const spec: TransferSpec = { target: 'circles', labels: 40, epochs: 2, mode: 'finetune' };

async function trainedSource(): Promise<Experiment> {
  const exp = new Experiment(generateSynthetic('moons', 200, 0.2, 4), source);
  await trainToEnd(exp);
  return exp;
}

describe('transfer to a new task', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('takes a CSV target with its own spec, and refuses one for networks with convolutions', async () => {
    const from = await trainedSource();
    const csv = {
      name: 'rings.csv',
      features: 2,
      classes: 2,
      rows: 160,
      labelColumn: 2,
      labelName: 'ring',
    };
    const exp = buildTransfer(from, target(), { ...spec, target: 'csv', csv });
    try {
      expect(exp.config.dataset).toBe('csv');
      expect(exp.config.csv).toEqual(csv);
    } finally {
      exp.dispose();
    }
    // An image run with a conv block: its networks cannot read a CSV's flat rows.
    const images = (n: number) => new Float32Array(n * 784).map((_, i) => (i % 7) / 7);
    const labels = (n: number) => new Int32Array(n).map((_, i) => i % 2);
    const pictures = {
      name: 'mnist',
      features: 784,
      classes: 2,
      xTrain: images(8),
      yTrain: labels(8),
      xTest: images(4),
      yTest: labels(4),
    };
    const imageRun = new Experiment(pictures, {
      ...source,
      dataset: 'mnist',
      teacherHidden: [conv(2)],
    });
    const wide = { ...csv, features: 784 };
    expect(() => buildTransfer(imageRun, pictures, { ...spec, target: 'csv', csv: wide })).toThrow(
      /convolution layers, which need images/,
    );
    imageRun.dispose();
    from.dispose();
  });

  it("starts each model from its trained hidden weights and a zero head, each twin as a plain run's scratch student", async () => {
    const from = await trainedSource();
    const exp = buildTransfer(from, target(), spec);
    // The same network a plain run on the target starts its scratch student from.
    const plain = new Experiment(target(), { ...source, dataset: 'circles' });
    try {
      expect(exp.students.map((s) => s.spec.name)).toEqual([
        'Teacher',
        'Teacher (fresh)',
        'Distilled',
        'Distilled (fresh)',
        'Scratch',
        'Scratch (fresh)',
      ]);
      const plainScratch = weights(plain.studentAt(plain.roleIndex('scratch')).trainer.model);
      expect(weights(exp.studentAt(5).trainer.model)).toEqual(plainScratch);
      // The adapted distilled student: its hidden layer is the trained one, its head all zeros.
      const adapted = weights(exp.studentAt(2).trainer.model);
      const trained = weights(from.studentAt(from.roleIndex('distilled')).trainer.model);
      expect(adapted.slice(0, 2)).toEqual(trained.slice(0, 2));
      const [kernel, bias] = transferHead(3, 2);
      expect(adapted[2]).toEqual(Array.from(kernel ?? []));
      expect(adapted[2]?.every((w) => w === 0)).toBe(true);
      expect(adapted[3]).toEqual(Array.from(bias ?? []));
      // Models of one width start from one head.
      expect(weights(exp.studentAt(4).trainer.model)[2]).toEqual(adapted[2]);
    } finally {
      exp.dispose();
      plain.dispose();
      from.dispose();
    }
  });

  it('trains them in lockstep and reports each against its twin; a probe leaves the hidden layers as they were', async () => {
    const from = await trainedSource();
    const before = tf.memory().numTensors;
    try {
      const run = (mode: TransferSpec['mode']) =>
        runTransfer(
          from,
          target(),
          { ...spec, mode },
          { steps: (e) => Promise.resolve(new TfjsSteps(e)) },
        );
      const tuned = await run('finetune');
      expect(tuned.models.map((m) => m.name)).toEqual(['Teacher', 'Distilled', 'Scratch']);
      for (const m of tuned.models) {
        expect(m.counts.n).toBe(target().yTest.length);
        expect((m.counts.onlyFirst - m.counts.onlySecond) / m.counts.n).toBeCloseTo(
          m.testAccuracy - m.fresh.testAccuracy,
          12,
        );
        expect(m.stepsTo90).toBeGreaterThan(0);
      }
      // The distilled and scratch students' twins are one network: their fresh accuracies agree.
      expect(tuned.models[1]?.fresh.testAccuracy).toBe(tuned.models[2]?.fresh.testAccuracy);
      expect(tuned.versus?.distilled).toBe(tuned.models[1]?.testAccuracy);
      // 40 labels asked, 20 per class of two.
      expect(tuned.labeledRows).toBe(40);
      expect(tf.memory().numTensors).toBe(before);

      // A probe: build it, train it by hand through the same path, and look at the weights.
      const exp = buildTransfer(from, target(), { ...spec, mode: 'probe' });
      const start = exp.students.map((s) => weights(s.trainer.model));
      const steps = new TfjsSteps(exp);
      const settings = { temperature: 1, alpha: 0, learningRate: 0.05 };
      await trainSeed(exp, steps, {
        students: { from: 0, to: 4 * exp.studentStepsPerEpoch, settings: () => settings },
      });
      exp.students.forEach((s, i) => {
        const now = weights(s.trainer.model);
        const was = start[i] ?? [];
        // Every hidden kernel and bias unchanged; the head moved.
        expect(now.slice(0, -2)).toEqual(was.slice(0, -2));
        expect(now.at(-2)).not.toEqual(was.at(-2));
      });
      steps.dispose();
      exp.dispose();
    } finally {
      from.dispose();
    }
  });
});

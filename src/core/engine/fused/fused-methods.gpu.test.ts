/**
 * The fused loss kernel on every logit method of PyTorch's golden cases (GOLDEN_METHODS): KD with
 * its label mask, DKD (targets from the teacher on unlabelled rows, warm-up) and label smoothing,
 * loss and gradient within 1e-4 relative (float32 on the GPU). The hint term has no fused kernel:
 * hint students train on the tfjs engine (fusedProblem says so). Dawn in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeTo, goldenMethodCases } from '../../../test-support/methods-golden';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { DEFAULT_CONFIG, networkDefaults } from '../../config';
import { dense } from '../../layers';
import { parseStudents } from '../../students';
import { trainStudents } from '../../../test-support/train-students';
import type { FusedMethod } from './fused-inputs';
import { type FusedData, FusedEngine } from './fused-engine';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const cases = goldenMethodCases().flatMap((c, i) => (c.method === 'hint' ? [] : [[i, c] as const]));

describe('the fused loss kernel against the methods golden cases', () => {
  it('has a case of each logit method', () => {
    expect(new Set(cases.map(([, c]) => c.method))).toEqual(new Set(['kd', 'dkd', 'ls']));
  });

  it.each(cases)('case %i: loss and gradient', async (_i, c) => {
    // No hidden layer and an identity kernel: the network's logits are its input rows.
    const n = c.labels.length;
    const classes = c.studentLogits[0]?.length ?? 0;
    const identity = new Float32Array(classes * classes + classes);
    for (let k = 0; k < classes; k++) identity[k * classes + k] = 1;
    const data: FusedData = {
      features: classes,
      classes,
      xTrain: Float32Array.from(c.studentLogits.flat()),
      yTrain: c.labels,
      xTest: new Float32Array(classes),
      yTest: [0],
      labelMask: Float32Array.from(c.labelMask),
    };
    const engine = new FusedEngine(device, data, n);
    await engine.addModel('g', [], identity);
    const teacher = 'teacherLogits' in c ? c.teacherLogits.flat() : new Array(n * classes).fill(0);
    engine.setTeacher(Float32Array.from(teacher));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const { settings, method } = stepOf(c);
    engine.step('g', { rows, ...settings, learningRate: 0, dropoutSeed: 0, masked: true, method });
    const model = engine.model('g').group;
    const dAt = model.layout.dAt[1] as number;
    const acts = new Float32Array(await engine.read(model.acts, model.layout.activationFloats * 4));
    const { loss } = await engine.takeMetrics('g');
    engine.destroy();
    expect(closeTo(loss, c.loss, 1e-4), `loss ${loss} vs ${c.loss}`).toBe(true);
    const grad = c.gradStudentLogits.flat();
    acts.subarray(dAt, dAt + n * classes).forEach((v, k) => {
      expect(closeTo(v, grad[k] ?? NaN, 1e-4), `gradient ${k}: ${v} vs ${grad[k]}`).toBe(true);
    });
  });
});

describe('each method trained on the fused path', () => {
  it('lands within a point of the tfjs engine on Blobs: KD, DKD, label smoothing, scratch', async () => {
    const parsed = parseStudents('kd,dkd:warmup=2,ls:eps=0.2,scratch,dkd:name=Hot:T=8:beta=2');
    if (!parsed.ok) throw new Error(parsed.error);
    const config = {
      ...DEFAULT_CONFIG,
      ...networkDefaults('blobs'),
      dataset: 'blobs' as const,
      samples: 800,
      noise: 0.6,
      teacherHidden: [dense(16, 'relu')],
      studentHidden: [dense(4, 'tanh')],
      teacherEpochs: 3,
      studentEpochs: 4,
      labeledFraction: 0.2,
      transferSet: true,
      learningRate: 0.01,
      batchSize: 32,
      seed: 9,
      students: parsed.students,
    };
    const fused = await trainStudents(config, device);
    const tfjs = await trainStudents(config, null);
    // The methods differ (78–83 % here), and each lands where the tfjs engine does.
    for (const [i, s] of parsed.students.entries()) {
      const [a, b] = [fused[i]?.accuracy ?? 0, tfjs[i]?.accuracy ?? 1];
      expect(Math.abs(a - b), `${s.name}: ${a} vs ${b}`).toBeLessThanOrEqual(0.01);
    }
  });
});

function stepOf(c: (typeof cases)[number][1]): {
  settings: { temperature: number; alpha: number };
  method?: FusedMethod;
} {
  switch (c.method) {
    case 'kd':
      return { settings: c.params };
    case 'ls':
      return {
        settings: { temperature: 1, alpha: 0 },
        method: { kind: 'ls', epsilon: c.params.epsilon },
      };
    case 'dkd': {
      const { temperature, alpha, beta, ce, warmup } = c.params;
      return { settings: { temperature, alpha }, method: { kind: 'dkd', beta, ce, warm: warmup } };
    }
  }
}

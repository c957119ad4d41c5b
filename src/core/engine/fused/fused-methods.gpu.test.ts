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

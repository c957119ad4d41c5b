/**
 * The tfjs losses of every method against PyTorch's golden cases (GOLDEN_METHODS): each loss and
 * its autodiff gradient within 1e-5 relative on the CPU backend (float32).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeTo, goldenMethodCases } from '../../test-support/methods-golden';
import { distillationLoss } from './distill';
import { dkdLoss, hintTerm, lsLoss } from './method-terms';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cases = goldenMethodCases();

function expectTensor(actual: tf.Tensor, expected: number[] | number[][]): void {
  const want = expected.flat();
  const got = Array.from(actual.dataSync());
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => {
    expect(closeTo(v, want[i] ?? NaN, 1e-5), `element ${i}: ${v} vs ${want[i]}`).toBe(true);
  });
}

describe('the tfjs method losses against the golden cases', () => {
  it.each(cases.map((c, i) => [i, c.method, c] as const))('case %i (%s)', (_i, _m, c) => {
    tf.tidy(() => {
      if (c.method === 'hint') {
        const hs = tf.tensor2d(c.studentHidden);
        const ht = tf.tensor2d(c.teacherHidden);
        const w = tf.tensor2d(c.regressorWeight);
        const b = tf.tensor1d(c.regressorBias);
        const f = (h: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor) =>
          hintTerm(h as tf.Tensor2D, ht, wt as tf.Tensor2D, bt as tf.Tensor1D, c.params.gamma);
        const { value, grads } = tf.valueAndGrads(f)([hs, w, b]);
        expectTensor(value, [c.loss]);
        expectTensor(grads[0] as tf.Tensor, c.gradStudentHidden);
        expectTensor(grads[1] as tf.Tensor, c.gradRegressorWeight);
        expectTensor(grads[2] as tf.Tensor, c.gradRegressorBias);
        return;
      }
      const labels = tf.tensor1d(c.labels, 'int32');
      const labelMask = tf.tensor1d(c.labelMask);
      const loss = (s: tf.Tensor2D): tf.Scalar => {
        if (c.method === 'ls') return lsLoss(s, labels, { ...c.params, labelMask });
        const teacher = tf.tensor2d(c.teacherLogits);
        return c.method === 'kd'
          ? distillationLoss(s, teacher, labels, { ...c.params, labelMask })
          : dkdLoss(s, teacher, labels, { ...c.params, labelMask });
      };
      const { value, grad } = tf.valueAndGrad((s: tf.Tensor) => loss(s as tf.Tensor2D))(
        tf.tensor2d(c.studentLogits),
      );
      expectTensor(value, [c.loss]);
      expectTensor(grad, c.gradStudentLogits);
    });
  });
});

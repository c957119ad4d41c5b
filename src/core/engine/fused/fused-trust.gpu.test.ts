/**
 * The self-check on this adapter, passing, and failing on a kernel broken through the test seam
 * with the quantity named. The fused engine and the device's limits and errors (Dawn in Node): a network over the GPU's
 * buffer limit is refused with the numbers before anything is allocated; a GPU error outside any
 * error scope fails the next read with what failed instead of returning the buffers' bytes;
 * read-back buffers are reused.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { dense } from '../../layers';
import { type FusedData, FusedEngine } from './fused-engine';
import { GpuFault, limitProblem } from './limits';
import { describeFailure, selfCheck } from './self-check';

let device: GPUDevice;

beforeAll(async () => {
  await tf.setBackend('cpu');
  device = await nodeGpuDevice();
});

const data: FusedData = {
  features: 4,
  classes: 3,
  xTrain: new Float32Array(40 * 4).map((_, i) => Math.sin(i)),
  yTrain: Array.from({ length: 40 }, (_, i) => i % 3),
  xTest: new Float32Array(10 * 4).map((_, i) => Math.cos(i)),
  yTest: Array.from({ length: 10 }, (_, i) => i % 3),
  labelMask: new Float32Array(40).fill(1),
};
const hidden = [dense(5, 'relu')];
const parameters = 4 * 5 + 5 + 5 * 3 + 3;
const step = {
  rows: Int32Array.from([0, 1, 2, 3]),
  temperature: 1,
  alpha: 0,
  learningRate: 0.01,
  dropoutSeed: 1,
  masked: false,
};

describe('the self-check on the GPU in use', () => {
  it('passes on this adapter: every quantity within the parity tolerance', async () => {
    const check = await selfCheck(device);
    expect(check.ok).toBe(true);
  });

  it('fails on a kernel broken on purpose, naming the quantity and the size of the gap', async () => {
    // Adam's first-moment rate 0.1 → 0.2 in the update kernel: only the update is wrong.
    const adam = await selfCheck(device, (code) => code.replace('+ 0.1 * g;', '+ 0.2 * g;'));
    expect(adam.ok).toBe(false);
    if (adam.ok) return;
    expect(adam.failed.quantity).toBe('Adam update');
    expect(describeFailure(adam.failed)).toMatch(
      /^the fused kernels' self-check on this GPU failed: the Adam update differed from tfjs's by [\d.,]+ % \(relative; the limit is 0\.01 %\)$/,
    );
    // The loss kernel's soft-term weight off by 1 %: the loss is the first quantity to differ.
    const loss = await selfCheck(device, (code) =>
      code.replace(
        'let softScale = u.alpha / f32(u.rows);',
        'let softScale = 1.01 * u.alpha / f32(u.rows);',
      ),
    );
    expect(!loss.ok && loss.failed.quantity).toBe('loss');
  });

  it('checks a conv network too when the run has a conv block, and names it when it fails', async () => {
    const both = await selfCheck(device, undefined, true);
    expect(both.ok && both.gaps.filter((g) => g.conv).length).toBe(4);
    // The pool's gradient sending a window whose first element is its largest to its last.
    const pool = await selfCheck(
      device,
      (code) => code.replace('var first = 0u;', 'var first = 3u;'),
      true,
    );
    expect(pool.ok).toBe(false);
    if (pool.ok) return;
    expect(pool.failed).toMatchObject({ quantity: 'gradients', conv: true });
    expect(describeFailure(pool.failed)).toMatch(/the conv network's gradients differed/);
  });
});

describe('the fused engine on the device’s terms', () => {
  it('says which buffer is over the limit, and by how much', () => {
    const limits = { maxBufferSize: 268_435_456, maxStorageBufferBindingSize: 134_217_728 };
    expect(limitProblem(limits, [{ what: 'the activations of teacher', bytes: 268e6 }])).toBe(
      'the activations of teacher needs 268 MB; this GPU allows 134 MB per buffer',
    );
    expect(limitProblem(limits, [{ what: 'x', bytes: 1e6 }])).toBeNull();
  });

  it('refuses a network over the buffer limit before building it', async () => {
    const engine = new FusedEngine(device, data, 4);
    try {
      const allowed = device.limits.maxStorageBufferBindingSize;
      // Its activations alone: 1,024 evaluation rows × 3 arrays × width floats.
      const width = Math.ceil(allowed / (1024 * 3 * 4)) + 1;
      await expect(
        engine.addModel('big', [dense(width, 'relu')], new Float32Array(1)),
      ).rejects.toThrow(
        /^the (parameters|Adam moments|activations) of big needs [\d,]+ MB; this GPU allows [\d,]+ MB per buffer$/,
      );
    } finally {
      engine.destroy();
    }
  });

  it('fails the next read with the GPU error instead of returning stale numbers', async () => {
    const engine = new FusedEngine(device, data, 4);
    try {
      await engine.addModel('s', hidden, new Float32Array(parameters).fill(0.1));
      engine.step('s', step);
      expect((await engine.takeMetrics('s')).loss).toBeGreaterThan(0);
      // An invalid command outside any error scope, as a driver bug mid-run would give.
      device.createBuffer({ size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
      engine.step('s', step);
      const read = engine.takeMetrics('s');
      await expect(read).rejects.toThrow(
        /^The GPU reported an error while the fused kernels trained \(validation error: /,
      );
      await expect(read).rejects.toBeInstanceOf(GpuFault);
    } finally {
      engine.destroy();
    }
  });

  it('reuses its read-back buffers', async () => {
    const engine = new FusedEngine(device, data, 4);
    try {
      await engine.addModel('s', hidden, new Float32Array(parameters).fill(0.1));
      for (let i = 0; i < 10; i++) {
        engine.step('s', step);
        await engine.takeMetrics('s');
        await engine.readParams('s');
      }
      // One for the metric sums, one for the parameters.
      expect(engine.staging.created).toBe(2);
    } finally {
      engine.destroy();
    }
  });
});

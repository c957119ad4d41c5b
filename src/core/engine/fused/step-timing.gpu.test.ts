/**
 * The bench's per-dispatch profile (`timeStep`): one time a dispatch of the step, by the GPU's
 * timestamps where the device has them (Dawn's SwiftShader does) and each dispatch alone on
 * request; both see the same dispatches, and the large matmuls take longer than the loss.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import { denseStack } from '../../layers';
import { randomRowsEngine } from './fused-probe';
import { networkLayout } from './layout';

let device: GPUDevice;

beforeAll(async () => {
  device = await nodeGpuDevice();
});

const batch = 32;
const input = { features: 256 };
const hidden = denseStack([256]);

async function profile(method?: 'alone') {
  const { engine, random } = randomRowsEngine(device, { ...input, classes: 10, batch });
  try {
    const { parameters } = networkLayout(input, hidden, 10, batch);
    await engine.addModel('net', hidden, random(parameters, 0.05));
    const step = {
      rows: Int32Array.from({ length: batch }, (_, i) => i),
      temperature: 1,
      alpha: 0,
      learningRate: 1e-3,
      dropoutSeed: 1,
      masked: false,
    };
    return await engine.timeStep('net', step, 3, () => performance.now(), method);
  } finally {
    engine.destroy();
  }
}

describe('timing a fused step dispatch by dispatch', () => {
  it('uses the GPU timestamps where the device has them, and times each dispatch alone on request', async () => {
    const stamped = await profile();
    const alone = await profile('alone');
    expect(stamped.method).toBe(device.features.has('timestamp-query') ? 'timestamps' : 'alone');
    expect(alone.method).toBe('alone');
    const labels = ['forward 1', 'forward 2', 'loss', 'dW 2', 'dX 2', 'dW 1', 'adam'];
    for (const { times } of [stamped, alone]) {
      expect(times.map((t) => t.dispatch.label)).toEqual(labels);
      for (const t of times) expect(t.ms).toBeGreaterThanOrEqual(0);
      const ms = (label: string) => times.find((t) => t.dispatch.label === label)?.ms ?? 0;
      // 256 × 256 × 32 multiply-adds against a loss over 32 rows of 10.
      expect(ms('forward 2')).toBeGreaterThan(0);
    }
  });
});

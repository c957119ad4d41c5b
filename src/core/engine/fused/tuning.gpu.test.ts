/**
 * The tuner on this adapter (Dawn; SwiftShader without a GPU): it times every variant on each
 * shape and keeps the fastest, skips shapes too small to matter, stops at its budget, and drops a
 * variant whose product disagrees with the default's (a kernel broken through the test seam).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeGpuDevice } from '../../../test-support/node-gpu';
import type { MatmulShape } from './matmul-shapes';
import {
  defaultVariant,
  variantByName,
  variantName,
  VARIANTS,
  variantsFor,
} from './matmul-variants';
import { memoryStore, storedChoice, tune, tuningKey } from './tuning';

let device: GPUDevice;

beforeAll(async () => {
  device = await nodeGpuDevice();
});

const now = () => performance.now();
const forward: MatmulShape = { role: 'forward', m: 16, n: 40, k: 33 };
const dW: MatmulShape = { role: 'dW', m: 34, n: 40, k: 16 };
const dX: MatmulShape = { role: 'dX', m: 16, n: 33, k: 40 };
const tiny: MatmulShape = { role: 'forward', m: 2, n: 3, k: 4 };

describe('tuning the matmul variants', () => {
  it('times every variant of each shape, keeps the fastest and leaves tiny shapes alone', async () => {
    const store = memoryStore();
    const report = await tune(device, 'test adapter', [forward, dW, dX, tiny, forward], store, {
      budgetMs: 60_000,
      now,
      minMacs: 0,
    });
    expect(report.timings.map((t) => t.shape)).toEqual([dW, forward, dX]);
    for (const t of report.timings) {
      expect(t.complete).toBe(true);
      expect(t.rejected).toEqual([]);
      expect(Object.keys(t.ms).sort()).toEqual(variantsFor(t.shape).map(variantName).sort());
      // The fastest, or the default within 10 % of it.
      const fastest = Math.min(...Object.values(t.ms).map(Number));
      const chosen = t.ms[t.chosen] ?? Infinity;
      if (t.chosen === variantName(defaultVariant(t.shape)))
        expect(fastest).toBeGreaterThan(0.9 * chosen);
      else expect(chosen).toBe(fastest);
      expect(store.get(tuningKey('test adapter', t.shape))).toBe(t.chosen);
    }
    expect(store.get(tuningKey('test adapter', tiny))).toBeUndefined();
    const choose = storedChoice(store, 'test adapter');
    expect(choose(dW)).toBe(variantByName(report.timings[0]?.chosen ?? ''));
  });

  it('stops at its budget: the default timed, the rest not, nothing kept', async () => {
    const store = memoryStore();
    // The clock reads 0 at the start and at the first shape, then a second later.
    let reads = 0;
    const report = await tune(device, 'a', [forward, dX], store, {
      budgetMs: 5,
      now: () => (++reads <= 2 ? 0 : 1000),
      minMacs: 0,
    });
    expect(report.timings).toHaveLength(1);
    expect(report.timings[0]?.complete).toBe(false);
    expect(Object.keys(report.timings[0]?.ms ?? {})).toEqual([
      variantName(defaultVariant(forward)),
    ]);
    expect(report.skipped).toEqual([dX]);
    expect(store.entries()).toEqual({});
  });

  it('agrees with the default on long reductions (split-K threads take several k each)', async () => {
    // k = 300 over 64 threads: four or five values of k a thread, and a tail; every role's order.
    const long: MatmulShape[] = [
      { role: 'forward', m: 9, n: 7, k: 300 },
      { role: 'dW', m: 7, n: 9, k: 300 },
      { role: 'dX', m: 9, n: 5, k: 300 },
    ];
    const report = await tune(device, 'a', long, memoryStore(), {
      budgetMs: 60_000,
      now,
      minMacs: 0,
    });
    for (const t of report.timings) {
      expect(t.rejected).toEqual([]);
      expect(t.ms['split-K 64']).toBeGreaterThan(0);
    }
  });

  it('drops a variant whose product differs from the default', async () => {
    const broken = VARIANTS.map(variantName)[1] ?? '';
    const report = await tune(device, 'a', [forward], memoryStore(), {
      budgetMs: 60_000,
      now,
      minMacs: 0,
      // The second variant stores twice the product.
      tamper: (v, code) =>
        variantName(v) === broken ? code.replace('= acc;', '= 2.0 * acc;') : code,
    });
    const [timing] = report.timings;
    expect(timing?.rejected.map((r) => r.variant)).toEqual([broken]);
    expect(timing?.rejected[0]?.gap).toBeGreaterThan(0.5);
    expect(timing?.ms[broken]).toBeUndefined();
    expect(timing?.chosen).not.toBe(broken);
  });
});

/**
 * Where a fused training step's time goes: each dispatch of one step on random MNIST-shaped rows
 * (the speed does not depend on the values), timed by the GPU's timestamps where the adapter has
 * them, else each alone (`step-timing.ts`), as the bench prints it.
 */
import { randomRowsEngine } from '../../src/core/engine/fused/fused-probe.ts';
import type { VariantChoice } from '../../src/core/engine/fused/matmul-shapes.ts';
import { networkLayout } from '../../src/core/engine/fused/layout.ts';
import { variantName } from '../../src/core/engine/fused/matmul-variants.ts';
import type { TimingMethod } from '../../src/core/engine/fused/step-timing.ts';
import { type Layer, hasConv } from '../../src/core/layers.ts';

export interface KernelTime {
  label: string;
  /** The matmul's variant; absent for loss and Adam. */
  variant?: string;
  ms: number;
  /** Of the sum of every dispatch's time. */
  share: number;
}

export interface KernelProfile {
  method: TimingMethod;
  times: KernelTime[];
}

/** One step of `count` networks of `hidden` (one group), dispatch by dispatch. */
export async function profileKernels(
  device: GPUDevice,
  hidden: readonly Layer[],
  options: {
    batch: number;
    count?: number;
    reps?: number;
    choose?: VariantChoice;
    /** Timestamps where the device has them unless told otherwise. */
    method?: TimingMethod;
  },
): Promise<KernelProfile> {
  const { batch, count = 1, reps = 5 } = options;
  // MNIST-shaped: conv blocks see the rows as 28 × 28 images.
  const input = hasConv(hidden) ? { features: 784, imageSide: 28 } : { features: 784 };
  const classes = 10;
  const { engine, random } = randomRowsEngine(
    device,
    { ...input, classes, batch },
    { choose: options.choose },
  );
  try {
    const { parameters } = networkLayout(input, hidden, classes, batch);
    const names = Array.from({ length: count }, (_, i) => `model ${i}`);
    const initial = names.map(() => random(parameters, 0.05));
    await engine.addGroup(names, hidden, initial);
    const rows = Int32Array.from({ length: batch }, (_, i) => i);
    const step = {
      rows,
      temperature: 1,
      alpha: 0,
      learningRate: 1e-3,
      dropoutSeed: 1,
      masked: false,
    };
    const { method, times } = await engine.timeStep(
      names[0] as string,
      step,
      reps,
      () => performance.now(),
      options.method,
    );
    const total = times.reduce((sum, t) => sum + t.ms, 0);
    return {
      method,
      times: times.map(({ dispatch, ms }) => ({
        label: dispatch.label,
        ...(dispatch.matmul ? { variant: variantName(dispatch.matmul.variant) } : {}),
        ms,
        share: ms / total,
      })),
    };
  } finally {
    engine.destroy();
  }
}

/** How a profile's times were taken, as a table's heading says it. */
export const methodWords = (method: TimingMethod): string =>
  method === 'timestamps'
    ? 'timed by GPU timestamps inside one submitted step'
    : 'each dispatch submitted and timed alone';

/** The profile as a table: one line a dispatch. */
export function profileTable({ times }: KernelProfile): string {
  const lines = ['dispatch     variant         ms   share'];
  for (const t of times) {
    lines.push(
      `${t.label.padEnd(12)} ${(t.variant ?? '').padEnd(12)} ${t.ms.toFixed(1).padStart(7)} ${(100 * t.share).toFixed(0).padStart(6)} %`,
    );
  }
  const total = times.reduce((sum, t) => sum + t.ms, 0);
  lines.push(`${'step'.padEnd(25)} ${total.toFixed(1).padStart(7)}`);
  return lines.join('\n');
}

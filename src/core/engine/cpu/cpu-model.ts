/** A network in the fused CPU engine's memory: its numbers, its own batch and record, its plans. */
import { AdamCorrections } from '../fused/adam-corrections';
import type { NetworkLayout } from '../fused/layout';
import type { CpuMemory } from './cpu-module';
import {
  type ModelPointers,
  convTaps,
  type SharedPointers,
  forwardPlan,
  trainPlan,
  transposedWords,
} from './step-plan';

export type Plan = { at: number; count: number };

export interface CpuModel {
  layout: NetworkLayout;
  pointers: ModelPointers;
  /** One training step; a forward pass of the record's rows, then the counts (evaluation). */
  train: Plan;
  forward: Plan;
  adam: AdamCorrections;
}

/** Allocates a network (`initial`: its parameters in the fused layout) and writes its plans. */
export function buildModel(
  cpu: CpuMemory,
  layout: NetworkLayout,
  initial: Float32Array,
  shared: SharedPointers,
  { batchSize, features, epsilon }: { batchSize: number; features: number; epsilon: number },
): CpuModel {
  const n = layout.parameters;
  const ds = layout.widths.at(-2) ?? 0;
  const pointers: ModelPointers = {
    params: cpu.upload(initial),
    grads: cpu.alloc(n * 4),
    m: cpu.alloc(n * 4),
    v: cpu.alloc(n * 4),
    acts: cpu.alloc(layout.activationFloats * 4),
    metrics: cpu.alloc(8),
    counts: cpu.alloc(8),
    hs: layout.hint ? cpu.alloc(layout.rows * ds * 4) : 0,
    transposed: cpu.alloc(transposedWords(layout) * 4),
    xBatch: cpu.alloc(batchSize * features * 4),
    batchIdx: cpu.alloc(batchSize * 4),
    record: cpu.alloc(cpu.recordWords * 4),
    cols: [
      0,
      ...layout.convs.map((c) => (c ? cpu.alloc(layout.rows * c.side ** 2 * convTaps(c) * 4) : 0)),
    ],
  };
  return {
    layout,
    pointers,
    train: trainPlan(cpu, layout, pointers, shared, epsilon),
    forward: forwardPlan(cpu, layout, pointers, shared.yTest),
    adam: new AdamCorrections(),
  };
}

/**
 * The device's buffer limits against what the fused engine would allocate, checked before it
 * allocates anything: a network too large for this GPU is refused with the numbers instead of
 * failing half-built (or, worse, reading back zeros).
 */
import type { DenseLayout } from './layout';

export interface BufferNeed {
  /** What the buffer holds, as the refusal names it ("the activations of teacher"). */
  what: string;
  bytes: number;
}

export type BufferLimits = Pick<
  GPUSupportedLimits,
  'maxBufferSize' | 'maxStorageBufferBindingSize'
>;

const mb = (bytes: number) =>
  `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;

/** The first buffer over this device's limit per buffer, as a sentence; null when all fit. */
export function limitProblem(limits: BufferLimits, needs: readonly BufferNeed[]): string | null {
  // Every buffer of the engine is bound as storage: the smaller of the two limits holds.
  const allowed = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  const over = needs.find((n) => n.bytes > allowed);
  return over
    ? `${over.what} needs ${mb(over.bytes)}; this GPU allows ${mb(allowed)} per buffer`
    : null;
}

/** The buffers a group of `count` same-shape networks takes (fused-model.ts). */
export function groupNeeds(label: string, layout: DenseLayout, count: number): BufferNeed[] {
  const floats = (n: number) => n * count * 4;
  return [
    { what: `the parameters of ${label}`, bytes: floats(layout.parameters) },
    { what: `the Adam moments of ${label}`, bytes: floats(2 * layout.parameters) },
    { what: `the activations of ${label}`, bytes: floats(layout.activationFloats) },
  ];
}

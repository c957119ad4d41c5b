/**
 * What the device allows and what it reports. Its buffer limits against what the fused engine
 * would allocate, checked before it allocates anything: a network too large for this GPU is
 * refused with the numbers instead of failing half-built (or, worse, reading back zeros). And the
 * errors it reports outside error scopes while the engine trains.
 */
import type { NetworkLayout } from './layout';

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
export function groupNeeds(label: string, layout: NetworkLayout, count: number): BufferNeed[] {
  const floats = (n: number) => n * count * 4;
  return [
    { what: `the parameters of ${label}`, bytes: floats(layout.parameters) },
    { what: `the Adam moments of ${label}`, bytes: floats(2 * layout.parameters) },
    { what: `the activations of ${label}`, bytes: floats(layout.activationFloats) },
  ];
}

/**
 * A GPU error the device reported while the fused kernels trained: the numbers read back after it
 * cannot be trusted, but tfjs's own WebGPU kernels may still train on the same device.
 */
export class GpuFault extends Error {
  override readonly name = 'GpuFault';
}

/**
 * The first error `device` reports outside an error scope. Every training step's commands run
 * outside error scopes (a scope per submit would cost a round trip): an error there arrives
 * here, and `check` makes the engine's next read fail with it instead of returning whatever the
 * buffers held.
 */
export class ErrorWatch {
  private first: string | null = null;
  private readonly listen = (event: Event) => {
    const { error } = event as GPUUncapturedErrorEvent;
    const kind =
      error instanceof GPUOutOfMemoryError
        ? 'out of memory'
        : error instanceof GPUValidationError
          ? 'validation error'
          : 'internal error';
    this.first ??= `${kind}: ${error.message.split('\n')[0] ?? error.message}`;
  };

  constructor(private readonly device: GPUDevice) {
    device.addEventListener('uncapturederror', this.listen);
  }

  /** Throws the first error reported so far, if any. */
  check(): void {
    if (this.first) {
      throw new GpuFault(
        `The GPU reported an error while the fused kernels trained (${this.first}).`,
      );
    }
  }

  dispose(): void {
    this.device.removeEventListener('uncapturederror', this.listen);
  }
}

/**
 * The frozen teacher's last hidden layer on every training row, kept on the GPU for the hint
 * students' kernels (bound at 13): computed once by tfjs when the teacher is done, read by every
 * hint student's step. One teacher a run, so one width.
 */
export class HintTargets {
  private buffer: GPUBuffer | null = null;

  constructor(
    private readonly device: GPUDevice,
    /** Training rows: the buffer holds `width` floats for each. */
    private readonly rows: number,
  ) {}

  /** Bytes the buffer takes at `width` (what the limits check weighs). */
  bytes(width: number): number {
    return this.rows * width * 4;
  }

  /** The buffer for `width`, made at the first hint student; null when it already existed. */
  ensure(width: number): GPUBuffer | null {
    const size = Math.max(4, this.bytes(width));
    if (this.buffer) {
      if (this.buffer.size !== size) {
        throw new Error("Hint students of one run read one teacher's hidden layer.");
      }
      return null;
    }
    this.buffer = this.device.createBuffer({
      label: 'teacher hidden',
      size,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    return this.buffer;
  }

  /** The teacher's side, row after row. */
  set(values: Float32Array): void {
    if (!this.buffer) throw new Error('No hint student was added.');
    if (values.byteLength !== this.buffer.size) {
      throw new Error(
        `The teacher's hidden layer: ${values.byteLength} bytes given, ${this.buffer.size} expected.`,
      );
    }
    this.device.queue.writeBuffer(this.buffer, 0, values);
  }

  destroy(): void {
    this.buffer?.destroy();
    this.buffer = null;
  }
}

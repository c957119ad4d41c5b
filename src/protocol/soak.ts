/** What `npm run soak` reads from the training worker's probe (worker/soak-probe.ts). */
export interface SoakSample {
  tensors: number;
  /** tfjs's own count of the bytes its tensors hold, on whichever backend. */
  tensorBytes: number;
  /** Bytes of the GPU buffers created since the probe was installed and not destroyed. */
  gpuBufferBytes: number;
  /** The worker's JavaScript heap, where the browser says (Chromium does). */
  heapBytes: number | null;
}

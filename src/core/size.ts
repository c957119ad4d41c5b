/** Model-size arithmetic: what the table and the size chart show. */

/** Bytes per parameter when stored as float32. */
export const FP32_BYTES = 4;

/** A network larger than this would not fit a browser tab's GPU memory budget with Adam's state. */
export const MAX_PARAMETERS = 20_000_000;

export function fp32Bytes(parameters: number): number {
  return parameters * FP32_BYTES;
}

/** Human-readable byte count (KB/MB with 1,000 as the base, as browsers report sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

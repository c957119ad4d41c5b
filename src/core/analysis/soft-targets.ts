/** The lens's arithmetic: softmax at a temperature and the entropy of a distribution. */

/** softmax(logits / T), computed stably (the largest logit is subtracted first). */
export function softmaxAt(logits: ArrayLike<number>, temperature: number): number[] {
  const scaled = Array.from(logits, (l) => l / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Shannon entropy in bits; log2(classes) for a uniform distribution, 0 for a one-hot one. */
export function entropyBits(probabilities: readonly number[]): number {
  let h = 0;
  for (const p of probabilities) if (p > 0) h -= p * Math.log2(p);
  return h;
}

/** Row `row` of a row-major [rows × classes] array. */
export function rowOf(values: Float32Array, classes: number, row: number): Float32Array {
  return values.subarray(row * classes, (row + 1) * classes);
}

/** Confusion-matrix arithmetic over test predictions. Pure, no tfjs. */

/** Index of the largest logit of each row of a row-major [rows × classes] array. */
export function argmaxRows(logits: Float32Array, classes: number): Int32Array {
  const rows = logits.length / classes;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if ((logits[r * classes + c] as number) > (logits[r * classes + best] as number)) best = c;
    }
    out[r] = best;
  }
  return out;
}

/** Counts, row = true class, column = predicted class: cell (t, p) at index t · classes + p. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classes: number,
): Uint32Array {
  const counts = new Uint32Array(classes * classes);
  for (let i = 0; i < labels.length; i++) {
    const cell = (labels[i] as number) * classes + (predictions[i] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return counts;
}

/** Recall of each class (diagonal over row total); NaN for a class absent from the test set. */
export function perClassAccuracy(matrix: Uint32Array, classes: number): number[] {
  return Array.from({ length: classes }, (_, t) => {
    let total = 0;
    for (let p = 0; p < classes; p++) total += matrix[t * classes + p] as number;
    return total === 0 ? Number.NaN : (matrix[t * classes + t] as number) / total;
  });
}

/** Test rows whose true class is `actual` and predicted class is `predicted`, in order. */
export function rowsInCell(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  actual: number,
  predicted: number,
): number[] {
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === actual && predictions[i] === predicted) rows.push(i);
  }
  return rows;
}

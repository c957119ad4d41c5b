/** A dataset as the engine consumes it: flat row-major features and integer labels. */
export interface Dataset {
  name: string;
  features: number;
  classes: number;
  xTrain: Float32Array;
  yTrain: Int32Array;
  xTest: Float32Array;
  yTest: Int32Array;
}

/** Summary the worker reports to the page once a dataset is ready. */
export interface DatasetInfo {
  name: string;
  features: number;
  classes: number;
  train: number;
  test: number;
  labeled: number;
}

/** Copies the listed rows of a row-major matrix into a new one. */
export function takeRows(x: Float32Array, features: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * features);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out.set(x.subarray(r * features, (r + 1) * features), i * features);
  }
  return out;
}

export function takeLabels(y: Int32Array, rows: ArrayLike<number>): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i] as number] as number;
  return out;
}

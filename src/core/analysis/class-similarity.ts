/**
 * What the teacher knows that the labels don't: for each true class, the model's mean soft
 * targets at a temperature over the test rows of that class (a K × K map whose off-diagonal mass
 * says which classes it finds alike), how far a student's map is from the teacher's, and the pairs
 * of classes the map confuses most.
 */

/** Row t: the mean of softmax(logits / T) over the rows whose label is t (zeros if none). */
export function classSimilarity(
  logits: Float32Array,
  labels: Int32Array,
  classes: number,
  temperature: number,
): Float64Array {
  const map = new Float64Array(classes * classes);
  const counts = new Float64Array(classes);
  const scaled = new Float64Array(classes);
  for (let r = 0; r < labels.length; r++) {
    const t = labels[r] ?? 0;
    for (let c = 0; c < classes; c++) scaled[c] = (logits[r * classes + c] ?? 0) / temperature;
    // Stable softmax: the largest scaled logit subtracted first.
    const max = Math.max(...scaled);
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      scaled[c] = Math.exp((scaled[c] ?? 0) - max);
      sum += scaled[c] ?? 0;
    }
    const row = map.subarray(t * classes, (t + 1) * classes);
    for (let c = 0; c < classes; c++) row[c] = (row[c] ?? 0) + (scaled[c] ?? 0) / sum;
    counts[t] = (counts[t] ?? 0) + 1;
  }
  for (let t = 0; t < classes; t++) {
    const n = counts[t] ?? 0;
    const row = map.subarray(t * classes, (t + 1) * classes);
    if (n > 0) for (let c = 0; c < classes; c++) row[c] = (row[c] ?? 0) / n;
  }
  return map;
}

/**
 * How far map `b` is from map `a`: the total-variation distance between their rows (half the sum
 * of absolute differences: 0 when equal, 1 when disjoint), averaged over the classes.
 */
export function mapDistance(a: Float64Array, b: Float64Array, classes: number): number {
  let total = 0;
  for (let t = 0; t < classes; t++) {
    let row = 0;
    for (let c = 0; c < classes; c++) {
      row += Math.abs((a[t * classes + c] ?? 0) - (b[t * classes + c] ?? 0));
    }
    total += row / 2;
  }
  return total / classes;
}

export interface ConfusedPair {
  a: number;
  b: number;
  /** The mean of map[a][b] and map[b][a]: the probability one class's rows give the other. */
  share: number;
}

/** The `top` pairs of distinct classes with the most probability given to each other, most first. */
export function confusedPairs(map: Float64Array, classes: number, top = 3): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  for (let a = 0; a < classes; a++) {
    for (let b = a + 1; b < classes; b++) {
      const share = ((map[a * classes + b] ?? 0) + (map[b * classes + a] ?? 0)) / 2;
      pairs.push({ a, b, share });
    }
  }
  return pairs.sort((x, y) => y.share - x.share || x.a - y.a || x.b - y.b).slice(0, top);
}

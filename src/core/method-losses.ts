/**
 * Every method's loss and its gradient, in plain float64 JavaScript: the definitions the tfjs terms
 * and the fused kernels are tested against (with PyTorch's golden cases), written out once.
 * `mask[i]` is 1 where row i's label may be used: cross-entropy terms average over those rows (0
 * when there are none), teacher terms over every row. Definitions: docs/methods.md.
 */

type Matrix = readonly (readonly number[])[];

export interface LogitLoss {
  loss: number;
  terms: Record<string, number>;
  /** d loss / d student logits, n × K. */
  grad: number[][];
}

function logSoftmax(row: readonly number[], scale = 1): number[] {
  const z = row.map((v) => v / scale);
  const top = Math.max(...z);
  const lse = top + Math.log(z.reduce((a, v) => a + Math.exp(v - top), 0));
  return z.map((v) => v - lse);
}

/** Rows whose labels count, and the divisor of a masked mean (at least 1). */
function labelled(n: number, mask?: readonly number[]): { weight: number[]; count: number } {
  const weight = Array.from({ length: n }, (_, i) => mask?.[i] ?? 1);
  return {
    weight,
    count: Math.max(
      weight.reduce((a, v) => a + v, 0),
      1,
    ),
  };
}

/** Cross-entropy against (possibly smoothed) targets over the labelled rows, with its gradient. */
function crossEntropy(
  student: Matrix,
  labels: readonly number[],
  mask: readonly number[] | undefined,
  epsilon = 0,
): { value: number; grad: number[][] } {
  const { weight, count } = labelled(student.length, mask);
  let value = 0;
  const grad = student.map((row, i) => {
    const k = row.length;
    const log = logSoftmax(row);
    const w = (weight[i] ?? 0) / count;
    return log.map((l, c) => {
      const q = (c === labels[i] ? 1 - epsilon : 0) + epsilon / k;
      value -= w * q * l;
      return w * (Math.exp(l) - q);
    });
  });
  return { value, grad };
}

const add = (a: number[][], b: number[][], scale: number): number[][] =>
  a.map((row, i) => row.map((v, c) => v + scale * (b[i]?.[c] ?? 0)));

/** Hinton's KD: α · T² · mean KL(teacher_T ‖ student_T) + (1 − α) · CE. */
export function kdLoss(
  student: Matrix,
  teacher: Matrix,
  labels: readonly number[],
  mask: readonly number[] | undefined,
  { temperature: T, alpha }: { temperature: number; alpha: number },
): LogitLoss {
  const n = student.length;
  let soft = 0;
  const softGrad = student.map((row, i) => {
    const ls = logSoftmax(row, T);
    const lt = logSoftmax(teacher[i] ?? [], T);
    return ls.map((l, c) => {
      const pt = Math.exp(lt[c] ?? 0);
      soft += (T * T * pt * ((lt[c] ?? 0) - l)) / n;
      return (T * (Math.exp(l) - pt)) / n;
    });
  });
  const hard = crossEntropy(student, labels, mask);
  return {
    loss: alpha * soft + (1 - alpha) * hard.value,
    terms: { soft, hard: hard.value },
    grad: add(
      softGrad.map((r) => r.map((v) => alpha * v)),
      hard.grad,
      1 - alpha,
    ),
  };
}

export interface DkdParams {
  temperature: number;
  alpha: number;
  beta: number;
  ce: number;
  /** The warm-up factor w, already evaluated. */
  warmup: number;
}

/** The target of each row for DKD: its label where it may be used, else the teacher's top class. */
export function dkdTargets(
  teacher: Matrix,
  labels: readonly number[],
  mask?: readonly number[],
): number[] {
  return labels.map((label, i) => {
    if ((mask?.[i] ?? 1) !== 0) return label;
    const row = teacher[i] ?? [];
    return row.indexOf(Math.max(...row));
  });
}

/**
 * Decoupled KD (mdistiller): ce · CE + w · (α · TCKD + β · NCKD). TCKD is the KL between the
 * [target, rest] splits of teacher and student at T, NCKD the KL between their distributions over
 * the non-target classes at T, each × T² and averaged over the batch.
 */
export function dkdLoss(
  student: Matrix,
  teacher: Matrix,
  labels: readonly number[],
  mask: readonly number[] | undefined,
  p: DkdParams,
): LogitLoss {
  const n = student.length;
  const T = p.temperature;
  const targets = dkdTargets(teacher, labels, mask);
  let tckd = 0;
  let nckd = 0;
  const teacherGrad = student.map((row, i) => {
    const g = targets[i] ?? 0;
    const ps = logSoftmax(row, T).map(Math.exp);
    const pt = logSoftmax(teacher[i] ?? [], T).map(Math.exp);
    const [bs, bt] = [ps[g] ?? 0, pt[g] ?? 0];
    tckd += (T * T * (bt * Math.log(bt / bs) + (1 - bt) * Math.log((1 - bt) / (1 - bs)))) / n;
    // Distributions over the classes other than the target: p_k / (1 − p_target).
    const rs = ps.map((v, c) => (c === g ? 0 : v / (1 - bs)));
    const rt = pt.map((v, c) => (c === g ? 0 : v / (1 - bt)));
    rt.forEach((q, c) => {
      if (c !== g && q > 0) nckd += (T * T * q * Math.log(q / (rs[c] ?? 1))) / n;
    });
    // d/dz at z = s/T: TCKD gives p_g − b_t at the target and r_k (b_t − p_g) elsewhere; NCKD r − q.
    return row.map((_, c) => {
      const dT = c === g ? bs - bt : (rs[c] ?? 0) * (bt - bs);
      const dN = c === g ? 0 : (rs[c] ?? 0) - (rt[c] ?? 0);
      return (p.warmup * T * (p.alpha * dT + p.beta * dN)) / n;
    });
  });
  const hard = crossEntropy(student, labels, mask);
  return {
    loss: p.ce * hard.value + p.warmup * (p.alpha * tckd + p.beta * nckd),
    terms: { tckd, nckd, hard: hard.value },
    grad: add(teacherGrad, hard.grad, p.ce),
  };
}

/** Label smoothing: CE against (1 − ε) · one-hot + ε / K over the labelled rows. No teacher. */
export function lsLoss(
  student: Matrix,
  labels: readonly number[],
  mask: readonly number[] | undefined,
  { epsilon }: { epsilon: number },
): LogitLoss {
  const { value, grad } = crossEntropy(student, labels, mask, epsilon);
  return { loss: value, terms: {}, grad };
}

export interface HintLoss {
  loss: number;
  gradHidden: number[][];
  gradWeight: number[][];
  gradBias: number[];
}

/** FitNets' hint: γ · mean over every element of (h_s · W + b − h_t)². */
export function hintLoss(
  studentHidden: Matrix,
  teacherHidden: Matrix,
  weight: Matrix,
  bias: readonly number[],
  gamma: number,
): HintLoss {
  const n = studentHidden.length;
  const dt = bias.length;
  const scale = (2 * gamma) / (n * dt);
  let loss = 0;
  // dE: d loss / d (h_s W + b), row by row.
  const dE = studentHidden.map((hs, i) =>
    bias.map((b, j) => {
      const e =
        hs.reduce((a, v, k) => a + v * (weight[k]?.[j] ?? 0), b) - (teacherHidden[i]?.[j] ?? 0);
      loss += (gamma * e * e) / (n * dt);
      return scale * e;
    }),
  );
  return {
    loss,
    gradHidden: studentHidden.map((hs, i) =>
      hs.map((_, k) => (dE[i] ?? []).reduce((a, d, j) => a + d * (weight[k]?.[j] ?? 0), 0)),
    ),
    gradWeight: weight.map((row, k) =>
      row.map((_, j) =>
        studentHidden.reduce((a, hs, i) => a + (hs[k] ?? 0) * (dE[i]?.[j] ?? 0), 0),
      ),
    ),
    gradBias: bias.map((_, j) => dE.reduce((a, d) => a + (d[j] ?? 0), 0)),
  };
}

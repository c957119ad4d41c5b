import type { Activation, DenseLayer } from '../../layers';

/**
 * Where a dense network's numbers live in the fused engine's flat buffers. Parameters: per layer
 * its kernel [fanIn × units] row-major (tfjs's layout), then its bias. Activations, per layer and
 * for `rows` rows: the pre-activation Z, the output H (after activation and dropout; hidden
 * layers only) and the gradient D of the loss with respect to Z. All offsets count floats.
 */
export interface DenseLayout {
  /** Widths: the input's features, each hidden layer's units, the classes. */
  readonly widths: readonly number[];
  readonly activations: readonly Activation[];
  readonly dropouts: readonly number[];
  /** Rows the activation buffer holds: the larger of a batch and an evaluation chunk. */
  readonly rows: number;
  readonly kernelAt: readonly number[];
  readonly biasAt: readonly number[];
  readonly parameters: number;
  /** Offsets of Z, H and D of layer l (1-based; index 0 unused). */
  readonly zAt: readonly number[];
  readonly hAt: readonly number[];
  readonly dAt: readonly number[];
  readonly activationFloats: number;
  /** A hint student's regressor and its buffers; null for any other network. */
  readonly hint: HintLayout | null;
}

/**
 * FitNets' regressor from the last hidden layer (d_s units) to the teacher's (`width`, d_t):
 * its W [d_s × d_t] and b after the network's parameters (trained by the same Adam, never part of
 * the network); E, the batch's error h_s · W + b − h_t [rows × d_t], and G, the hint's gradient
 * with respect to h_s [rows × d_s], after the network's activations.
 */
export interface HintLayout {
  readonly width: number;
  readonly weightAt: number;
  readonly biasAt: number;
  readonly eAt: number;
  readonly gAt: number;
}

export function denseLayout(
  features: number,
  hidden: readonly DenseLayer[],
  classes: number,
  rows: number,
  /** The teacher's last hidden width, for a hint student's regressor. */
  hintWidth?: number,
): DenseLayout {
  const widths = [features, ...hidden.map((l) => l.units), classes];
  const kernelAt: number[] = [];
  const biasAt: number[] = [];
  let p = 0;
  for (let l = 1; l < widths.length; l++) {
    const fanIn = widths[l - 1] as number;
    const units = widths[l] as number;
    kernelAt.push(p);
    p += fanIn * units;
    biasAt.push(p);
    p += units;
  }
  const zAt = [0];
  const hAt = [0];
  const dAt = [0];
  let a = 0;
  for (let l = 1; l < widths.length; l++) {
    const size = rows * (widths[l] as number);
    zAt.push(a);
    a += size;
    hAt.push(a);
    if (l < widths.length - 1) a += size;
    dAt.push(a);
    a += size;
  }
  let hint: HintLayout | null = null;
  const last = widths.at(-2) as number;
  if (hintWidth !== undefined) {
    if (widths.length < 3) throw new Error('A hint needs a hidden layer.');
    const weightAt = p;
    const biasAt = weightAt + last * hintWidth;
    p = biasAt + hintWidth;
    const eAt = a;
    const gAt = eAt + rows * hintWidth;
    a = gAt + rows * last;
    hint = { width: hintWidth, weightAt, biasAt, eAt, gAt };
  }
  return {
    widths,
    activations: hidden.map((l) => l.activation),
    dropouts: hidden.map((l) => l.dropout),
    rows,
    kernelAt,
    biasAt,
    parameters: p,
    zAt,
    hAt,
    dAt,
    activationFloats: a,
    hint,
  };
}

import type { Activation, Layer } from '../../layers';

/**
 * Where a network's numbers live in the fused engine's flat buffers. Parameters: per layer its
 * kernel (a dense layer's [fanIn × units], a conv block's [k × k × channels × filters], row-major:
 * tfjs's layouts), then its bias. Activations, per layer and for `rows` rows: the pre-activation Z,
 * the output H (after activation and dropout, or a conv block's ReLU and 2 × 2 max-pool; hidden
 * layers only) and the gradient D of the loss with respect to H's input — Z for a dense layer,
 * the pooled output for a conv block, whose gradient with respect to its Z is DZ. Images are
 * row-major, channels last (NHWC, as tfjs keeps them), so a conv block's pooled output is the flat
 * vector the next dense layer reads. All offsets count floats.
 */
export interface NetworkLayout {
  /** Widths: the input's features, each hidden layer's units (a conv block's pooled output, flat), the classes. */
  readonly widths: readonly number[];
  readonly activations: readonly Activation[];
  readonly dropouts: readonly number[];
  /** Each hidden layer's conv geometry; null for a dense layer. */
  readonly convs: readonly (ConvGeometry | null)[];
  /** Rows the activation buffer holds: the larger of a batch and an evaluation chunk. */
  readonly rows: number;
  readonly kernelAt: readonly number[];
  readonly biasAt: readonly number[];
  readonly parameters: number;
  /** Offsets of Z, H and D of layer l (1-based; index 0 unused); DZ of a conv block's, else 0. */
  readonly zAt: readonly number[];
  readonly hAt: readonly number[];
  readonly dAt: readonly number[];
  readonly dzAt: readonly number[];
  readonly activationFloats: number;
  /** A hint student's regressor and its buffers; null for any other network. */
  readonly hint: HintLayout | null;
}

/**
 * A conv block: a `kernel` × `kernel` 'same' convolution of a `side` × `side` × `channels` image
 * into `filters` channels, ReLU, then a 2 × 2 max-pool (stride 2, 'valid') to `pooled` × `pooled`.
 */
export interface ConvGeometry {
  readonly side: number;
  readonly channels: number;
  readonly filters: number;
  readonly kernel: number;
  readonly pooled: number;
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

/** A network's input: its features, and for an image its side (one channel). */
export interface LayoutInput {
  readonly features: number;
  readonly imageSide?: number;
}

export function networkLayout(
  input: number | LayoutInput,
  hidden: readonly Layer[],
  classes: number,
  rows: number,
  /** The teacher's last hidden width, for a hint student's regressor. */
  hintWidth?: number,
): NetworkLayout {
  const { features, imageSide } = typeof input === 'number' ? { features: input } : input;
  const convs: (ConvGeometry | null)[] = [];
  let side = imageSide ?? 0;
  let channels = 1;
  const widths = [features];
  for (const layer of hidden) {
    if (layer.kind === 'conv') {
      if (side < 1) throw new Error('A conv block needs an image input.');
      const pooled = Math.floor(side / 2);
      convs.push({ side, channels, filters: layer.filters, kernel: layer.kernel, pooled });
      widths.push(pooled * pooled * layer.filters);
      side = pooled;
      channels = layer.filters;
    } else {
      convs.push(null);
      widths.push(layer.units);
    }
  }
  widths.push(classes);
  const kernelAt: number[] = [];
  const biasAt: number[] = [];
  let p = 0;
  for (let l = 1; l < widths.length; l++) {
    const conv = convs[l - 1];
    const units = conv ? conv.filters : (widths[l] as number);
    kernelAt.push(p);
    p += conv
      ? conv.kernel * conv.kernel * conv.channels * conv.filters
      : (widths[l - 1] as number) * units;
    biasAt.push(p);
    p += units;
  }
  const zAt = [0];
  const hAt = [0];
  const dAt = [0];
  const dzAt = [0];
  let a = 0;
  for (let l = 1; l < widths.length; l++) {
    const conv = convs[l - 1];
    const size = rows * (widths[l] as number);
    // A conv block's Z (and DZ) is its convolution's full-size output, before the pool.
    const zSize = conv ? rows * conv.side * conv.side * conv.filters : size;
    zAt.push(a);
    a += zSize;
    hAt.push(a);
    if (l < widths.length - 1) a += size;
    dAt.push(a);
    a += size;
    dzAt.push(conv ? a : 0);
    if (conv) a += zSize;
  }
  let hint: HintLayout | null = null;
  const last = widths.at(-2) as number;
  if (hintWidth !== undefined) {
    if (widths.length < 3 || convs.at(-1))
      throw new Error('A hint needs a dense last hidden layer.');
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
    activations: hidden.map((l) => (l.kind === 'dense' ? l.activation : 'relu')),
    dropouts: hidden.map((l) => (l.kind === 'dense' ? l.dropout : 0)),
    convs,
    rows,
    kernelAt,
    biasAt,
    parameters: p,
    zAt,
    hAt,
    dAt,
    dzAt,
    activationFloats: a,
    hint,
  };
}

/**
 * A network's ops for the fused CPU engine (wasm/step.ts runs them): the same plan as the fused
 * WGSL engine's dispatches (fused/fused-model.ts `stepPlan`) — forward, the hint's error, the loss,
 * then per layer from the top its weight gradient, the hint's gradients, its input gradient (W
 * transposed first), and Adam — with every pointer resolved once, when the network is built.
 */
import type { Activation } from '../../layers';
import type { ConvGeometry, NetworkLayout } from '../fused/layout';
import type { CpuMemory, OpName } from './cpu-module';

/** Where a network's numbers lie in the engine's memory (byte addresses). */
export interface ModelPointers {
  params: number;
  grads: number;
  /** Adam's first and second moments. */
  m: number;
  v: number;
  acts: number;
  /** Loss sum and correct rows since the last read (f32); evaluation counts (i32). */
  metrics: number;
  counts: number;
  /** A hint student's h_s (the last hidden layer, activated, before dropout), rows × d_s. */
  hs: number;
  /** Room for the network's largest weight matrix, transposed (an input gradient's). */
  transposed: number;
  /**
   * The network's own batch: its rows gathered (rows × features), their indices, and its step's
   * record — its own, so a group's networks can step at once on different threads.
   */
  xBatch: number;
  batchIdx: number;
  record: number;
  /** Each conv block's im2col view (rows × side² × taps), by layer (1-based); 0 for a dense layer. */
  cols: readonly number[];
}

/** What the ops read besides a network's own numbers (byte addresses). */
export interface SharedPointers {
  xTrain: number;
  yTrain: number;
  yTest: number;
  labelMask: number;
  soft: number;
  /** The teacher's last hidden layer on every training row (hint targets); 0 until set. */
  hintTargets: number;
}

const ACTIVATIONS: Record<Activation, number> = { relu: 0, sigmoid: 1, tanh: 2, gelu: 3 };
/** wasm/record.ts's IDENTITY: no derivative into a conv block's pooled output (its pool's gradient applies ReLU′). */
const IDENTITY = 4;

/** Taps of a conv block's im2col row: k × k × its input's channels. */
export const convTaps = (c: ConvGeometry): number => c.kernel * c.kernel * c.channels;

/** A plan being written: ops of `opWords` words, an f32 in a word as its bits. */
class Ops {
  private readonly words: number[] = [];
  private readonly bits = new DataView(new ArrayBuffer(4));

  constructor(private readonly cpu: CpuMemory) {}

  add(name: OpName, ...args: (number | { f32: number })[]): void {
    const op = [
      this.cpu.op[name],
      ...args.map((a) => (typeof a === 'number' ? a : this.f32(a.f32))),
    ];
    if (op.length > this.cpu.opWords) throw new Error(`${name}: too many words`);
    while (op.length < this.cpu.opWords) op.push(0);
    this.words.push(...op);
  }

  private f32(value: number): number {
    this.bits.setFloat32(0, value, true);
    return this.bits.getInt32(0, true);
  }

  /** The plan, written into the engine's memory. */
  place(): { at: number; count: number } {
    const array = Int32Array.from(this.words);
    return { at: this.cpu.upload(array), count: array.length / this.cpu.opWords };
  }
}

/** The input of layer l: 0 for the record's rows (the first layer), else H of layer l − 1. */
const inputOf = (layout: NetworkLayout, acts: number, l: number) =>
  l === 1 ? 0 : acts + 4 * (layout.hAt[l - 1] as number);

/** The forward ops of every layer: Z (and H, with dropout where the record says so). */
function addForward(ops: Ops, layout: NetworkLayout, p: ModelPointers): void {
  const { widths } = layout;
  const L = widths.length - 1;
  for (let l = 1; l <= L; l++) {
    const conv = layout.convs[l - 1];
    if (conv) {
      ops.add(
        'CONV_FORWARD',
        inputOf(layout, p.acts, l),
        conv.side,
        conv.channels,
        conv.filters,
        conv.kernel,
        p.params + 4 * (layout.kernelAt[l - 1] as number),
        p.params + 4 * (layout.biasAt[l - 1] as number),
        p.acts + 4 * (layout.zAt[l] as number),
        p.acts + 4 * (layout.hAt[l] as number),
        p.cols[l] as number,
      );
      continue;
    }
    ops.add(
      'FORWARD',
      inputOf(layout, p.acts, l),
      widths[l - 1] as number,
      widths[l] as number,
      p.params + 4 * (layout.kernelAt[l - 1] as number),
      p.params + 4 * (layout.biasAt[l - 1] as number),
      p.acts + 4 * (layout.zAt[l] as number),
      l < L ? p.acts + 4 * (layout.hAt[l] as number) : 0,
      ACTIVATIONS[layout.activations[l - 1] ?? 'relu'],
      { f32: layout.dropouts[l - 1] ?? 0 },
      l,
    );
  }
}

/** A conv block's backward ops: the pool's gradient, the filters', then (above the first) the input's. */
function addConvBackward(
  ops: Ops,
  layout: NetworkLayout,
  p: ModelPointers,
  l: number,
  conv: ConvGeometry,
): void {
  const at = (offset: number | undefined) => p.acts + 4 * (offset as number);
  const { side, channels, filters, kernel } = conv;
  const [dz, cols] = [at(layout.dzAt[l]), p.cols[l] as number];
  ops.add('POOL_GRAD', at(layout.zAt[l]), at(layout.dAt[l]), dz, side, filters);
  const kernelAt = 4 * (layout.kernelAt[l - 1] as number);
  const dW = p.grads + kernelAt;
  const db = p.grads + 4 * (layout.biasAt[l - 1] as number);
  ops.add('FILTER_GRAD', cols, side * side, convTaps(conv), filters, dz, dW, db);
  if (l === 1) return;
  ops.add('TRANSPOSE', p.params + kernelAt, convTaps(conv), filters, p.transposed);
  ops.add(
    'CONV_INPUT_GRAD',
    dz,
    side,
    channels,
    filters,
    kernel,
    p.transposed,
    cols,
    at(layout.dAt[l - 1]),
  );
}

/** One training step's ops, for a batch gathered into the network's `xBatch`. */
export function trainPlan(
  cpu: CpuMemory,
  layout: NetworkLayout,
  p: ModelPointers,
  shared: SharedPointers,
  epsilon: number,
): { at: number; count: number } {
  const ops = new Ops(cpu);
  const { widths, hint } = layout;
  const L = widths.length - 1;
  const C = widths[L] as number;
  const at = (offset: number | undefined) => p.acts + 4 * (offset as number);
  const param = (base: number, offset: number | undefined) => base + 4 * (offset as number);
  ops.add('GATHER', shared.xTrain, widths[0] as number, p.xBatch);
  addForward(ops, layout, p);
  const ds = widths[L - 1] as number;
  const hiddenActivation = ACTIVATIONS[layout.activations[L - 2] ?? 'relu'];
  if (hint) {
    ops.add(
      'HINT_ERROR',
      at(layout.zAt[L - 1]),
      ds,
      hint.width,
      param(p.params, hint.weightAt),
      param(p.params, hint.biasAt),
      at(hint.eAt),
      shared.hintTargets,
      hiddenActivation,
      p.hs,
    );
  }
  ops.add(
    'LOSS',
    at(layout.zAt[L]),
    at(layout.dAt[L]),
    C,
    shared.yTrain,
    shared.labelMask,
    shared.soft,
    p.metrics,
    hint ? at(hint.eAt) : 0,
    hint?.width ?? 0,
  );
  for (let l = L; l >= 1; l--) {
    const conv = layout.convs[l - 1];
    if (conv) {
      addConvBackward(ops, layout, p, l, conv);
      continue;
    }
    const fanIn = widths[l - 1] as number;
    const units = widths[l] as number;
    ops.add(
      'WEIGHT_GRAD',
      inputOf(layout, p.acts, l),
      fanIn,
      units,
      at(layout.dAt[l]),
      param(p.grads, layout.kernelAt[l - 1]),
      param(p.grads, layout.biasAt[l - 1]),
      0,
    );
    if (hint && l === L) {
      const dt = hint.width;
      const [dW, db] = [param(p.grads, hint.weightAt), param(p.grads, hint.biasAt)];
      // The last word says: a hint's, scaled by 2γ / (rows · d_t).
      ops.add('WEIGHT_GRAD', p.hs, ds, dt, at(hint.eAt), dW, db, 1);
      ops.add('TRANSPOSE', param(p.params, hint.weightAt), ds, dt, p.transposed);
      ops.add('HINT_INPUT_GRAD', at(hint.eAt), ds, dt, p.transposed, at(hint.gAt));
    }
    if (l === 1) continue;
    // Below a conv block, D is its pooled output's, plain: the block's pool gradient applies ReLU′.
    const belowConv = Boolean(layout.convs[l - 2]);
    ops.add('TRANSPOSE', param(p.params, layout.kernelAt[l - 1]), fanIn, units, p.transposed);
    ops.add(
      'INPUT_GRAD',
      at(layout.dAt[l]),
      fanIn,
      units,
      p.transposed,
      at(layout.dAt[l - 1]),
      at(layout.zAt[l - 1]),
      belowConv ? IDENTITY : ACTIVATIONS[layout.activations[l - 2] ?? 'relu'],
      { f32: belowConv ? 0 : (layout.dropouts[l - 2] ?? 0) },
      l - 1,
      hint && l === L ? at(hint.gAt) : 0,
    );
  }
  const n = layout.parameters;
  ops.add('ADAM', p.params, p.grads, p.m, p.v, n, { f32: epsilon });
  return ops.place();
}

/** A forward pass of the record's rows (no dropout: the record's mode says so), then `count`. */
export function forwardPlan(
  cpu: CpuMemory,
  layout: NetworkLayout,
  p: ModelPointers,
  labels: number,
): { at: number; count: number } {
  const ops = new Ops(cpu);
  addForward(ops, layout, p);
  const L = layout.widths.length - 1;
  ops.add(
    'COUNT',
    p.acts + 4 * (layout.zAt[L] as number),
    layout.widths[L] as number,
    labels,
    p.counts,
  );
  return ops.place();
}

/** Words of a network's transposed weights at most (the engine's shared room for them). */
export function transposedWords(layout: NetworkLayout): number {
  const { widths, hint, convs } = layout;
  let most = 0;
  for (let l = 2; l < widths.length; l++) {
    const conv = convs[l - 1];
    const words = conv
      ? convTaps(conv) * conv.filters
      : (widths[l - 1] as number) * (widths[l] as number);
    most = Math.max(most, words);
  }
  if (hint) most = Math.max(most, (widths.at(-2) as number) * hint.width);
  return most;
}

/**
 * The network schema: the hidden layers of a teacher or a student, their text form ("c8x3, 128gelu/0.2")
 * for links and the command line, their limits, and their parameter counts. No tfjs here.
 */

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'gelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** A fully connected layer; dropout applies to its output while the model trains. */
export interface DenseLayer {
  kind: 'dense';
  units: number;
  activation: Activation;
  dropout: number;
}

/** A conv–pool block: a same-padded k×k convolution with ReLU, then 2×2 max-pooling. */
export interface ConvBlock {
  kind: 'conv';
  filters: number;
  kernel: number;
}

export type Layer = DenseLayer | ConvBlock;

export const MAX_HIDDEN_LAYERS = 8;
export const MAX_UNITS = 4096;
export const MAX_FILTERS = 256;
export const KERNEL_SIZES = [1, 3, 5, 7] as const;
export const MAX_LAYER_DROPOUT = 0.9;

export function dense(units: number, activation: Activation = 'relu', dropout = 0): DenseLayer {
  return { kind: 'dense', units, activation, dropout };
}

export function conv(filters: number, kernel = 3): ConvBlock {
  return { kind: 'conv', filters, kernel };
}

/** ReLU dense layers of the given widths: the plain MLP most settings use. */
export function denseStack(units: readonly number[], dropout = 0): DenseLayer[] {
  return units.map((u) => dense(u, 'relu', dropout));
}

/** What the networks are fed: a flat feature vector, or a square one-channel image (MNIST). */
export interface InputShape {
  features: number;
  /** Side of the square image the features are, row by row; absent for tabular data. */
  imageSide?: number;
}

export type LayersResult = { ok: true; layers: Layer[] } | { ok: false; error: string };

const DENSE_TOKEN = /^(\d+)(relu|tanh|sigmoid|gelu)?(?:\/(\d*\.?\d+))?$/;
const CONV_TOKEN = /^c(\d+)x(\d+)$/;

/**
 * Parses the text form: comma-separated layers, each `c<filters>x<kernel>` for a conv–pool block or
 * `<units>[activation][/dropout]` for a dense layer ("128", "64tanh", "512/0.3"). An empty text is
 * no hidden layer (a linear model). Only the syntax is checked here; `layersProblem` checks the
 * values. Every rejection names the offending entry.
 */
export function parseLayers(text: string): LayersResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, layers: [] };
  const parts = trimmed.split(',').map((p) => p.trim());
  if (parts.length > MAX_HIDDEN_LAYERS) {
    return {
      ok: false,
      error: `At most ${MAX_HIDDEN_LAYERS} hidden layers (got ${parts.length}).`,
    };
  }
  const layers: Layer[] = [];
  for (const [i, part] of parts.entries()) {
    const position = `layer ${i + 1}`;
    if (part === '') return { ok: false, error: `Empty entry at ${position}.` };
    const c = CONV_TOKEN.exec(part);
    const d = DENSE_TOKEN.exec(part);
    if (c) layers.push(conv(Number(c[1]), Number(c[2])));
    else if (d) {
      const activation = (d[2] ?? 'relu') as Activation;
      layers.push(dense(Number(d[1]), activation, d[3] === undefined ? 0 : Number(d[3])));
    } else {
      return {
        ok: false,
        error: `"${part}" at ${position} is neither units (e.g. 64, 64tanh, 64/0.2) nor a conv block (e.g. c8x3).`,
      };
    }
  }
  return { ok: true, layers };
}

export function formatLayer(layer: Layer): string {
  if (layer.kind === 'conv') return `c${layer.filters}x${layer.kernel}`;
  const activation = layer.activation === 'relu' ? '' : layer.activation;
  const dropout = layer.dropout > 0 ? `/${layer.dropout}` : '';
  return `${layer.units}${activation}${dropout}`;
}

export function formatLayers(layers: readonly Layer[]): string {
  return layers.map(formatLayer).join(', ');
}

function wholeIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/**
 * Why these layers cannot be built on this input, or null: value limits, conv blocks only on image
 * data and only before the dense layers, and an image that pooling would shrink to nothing.
 */
export function layersProblem(layers: readonly Layer[], input: InputShape): string | null {
  if (layers.length > MAX_HIDDEN_LAYERS) return `At most ${MAX_HIDDEN_LAYERS} hidden layers.`;
  let side = input.imageSide ?? 0;
  let seenDense = false;
  for (const [i, layer] of layers.entries()) {
    const at = `Layer ${i + 1}`;
    if (layer.kind === 'dense') {
      seenDense = true;
      if (!wholeIn(layer.units, 1, MAX_UNITS)) {
        return `${at}: units must be a whole number from 1 to ${MAX_UNITS}.`;
      }
      if (!(layer.dropout >= 0 && layer.dropout <= MAX_LAYER_DROPOUT)) {
        return `${at}: dropout must be between 0 and ${MAX_LAYER_DROPOUT}.`;
      }
      continue;
    }
    if (input.imageSide === undefined)
      return `${at}: conv blocks need image data (MNIST or Fashion-MNIST).`;
    if (seenDense) return `${at}: conv blocks must come before the dense layers.`;
    if (!wholeIn(layer.filters, 1, MAX_FILTERS)) {
      return `${at}: filters must be a whole number from 1 to ${MAX_FILTERS}.`;
    }
    if (!(KERNEL_SIZES as readonly number[]).includes(layer.kernel)) {
      return `${at}: kernel must be ${KERNEL_SIZES.join(', ')}.`;
    }
    side = Math.floor(side / 2);
    if (side < 1) return `${at}: the image is pooled down to nothing; use fewer conv blocks.`;
  }
  return null;
}

/** Whether any layer is a conv block (which the wasm backend cannot train). */
export function hasConv(layers: readonly Layer[]): boolean {
  return layers.some((l) => l.kind === 'conv');
}

/**
 * Each layer's weights, output layer last: its kernel shape, its bias length, and at how many
 * positions the kernel is applied for one example (a conv block: every pixel of its input image,
 * before pooling; a dense layer: once).
 */
function layerShapes(
  input: InputShape,
  layers: readonly Layer[],
  classes: number,
): { kernel: number[]; bias: number; positions: number }[] {
  const shapes: { kernel: number[]; bias: number; positions: number }[] = [];
  let side = input.imageSide ?? 0;
  let channels = 1;
  // Width of the flat vector the next dense layer sees.
  let flat = input.features;
  for (const layer of layers) {
    if (layer.kind === 'conv') {
      shapes.push({
        kernel: [layer.kernel, layer.kernel, channels, layer.filters],
        bias: layer.filters,
        positions: side * side,
      });
      channels = layer.filters;
      side = Math.floor(side / 2);
      flat = side * side * channels;
    } else {
      shapes.push({ kernel: [flat, layer.units], bias: layer.units, positions: 1 });
      flat = layer.units;
    }
  }
  shapes.push({ kernel: [flat, classes], bias: classes, positions: 1 });
  return shapes;
}

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** The weight shapes of each layer, output layer last: [kernel shape, bias length]. */
export function weightShapes(
  input: InputShape,
  layers: readonly Layer[],
  classes: number,
): { kernel: number[]; bias: number }[] {
  return layerShapes(input, layers, classes).map(({ kernel, bias }) => ({ kernel, bias }));
}

/** Weights plus biases of the network input → layers → classes. */
export function parameterCount(
  input: InputShape,
  layers: readonly Layer[],
  classes: number,
): number {
  return weightShapes(input, layers, classes).reduce(
    (total, { kernel, bias }) => total + product(kernel) + bias,
    0,
  );
}

/**
 * Multiply–adds to classify one example: each dense layer in × out, each conv block's 'same'
 * convolution side² × k² × channels in × filters (every output position, as fvcore and ptflops
 * count it); biases, activations and pooling add no multiplications and are not counted.
 */
export function macCount(input: InputShape, layers: readonly Layer[], classes: number): number {
  return layerShapes(input, layers, classes).reduce(
    (total, { kernel, positions }) => total + positions * product(kernel),
    0,
  );
}

/**
 * Multiply–adds to train on one example: the forward pass (`macCount`), the weights' gradients
 * (as many again: each weight's gradient sums input × output gradient over its positions) and the
 * inputs' gradients (as many again, but for the first layer, whose input needs none). Counted as
 * `macCount` counts: the loss, Adam and the pool's routing add no multiply–adds here.
 */
export function trainingMacCount(
  input: InputShape,
  layers: readonly Layer[],
  classes: number,
): number {
  const perLayer = layerShapes(input, layers, classes).map(
    ({ kernel, positions }) => positions * product(kernel),
  );
  const forward = perLayer.reduce((a, b) => a + b, 0);
  return forward + forward + (forward - (perLayer[0] ?? 0));
}

/** "784 → conv8 3×3 → 64 tanh → 10": the shape a hint shows. */
export function describeNetwork(
  input: InputShape,
  layers: readonly Layer[],
  classes: number,
): string {
  const inner = layers.map((l) =>
    l.kind === 'conv'
      ? `conv${l.filters} ${l.kernel}×${l.kernel}`
      : `${l.units}${l.activation === 'relu' ? '' : ` ${l.activation}`}`,
  );
  const start = input.imageSide ? `${input.imageSide}×${input.imageSide}` : String(input.features);
  return [start, ...inner, String(classes)].join(' → ');
}

/**
 * `layers` with one more: a dense layer at the end (as wide as the last dense layer, relu), or a
 * conv block after the last conv block (filters doubled), since conv blocks come first.
 */
export function withAddedLayer(layers: readonly Layer[], kind: Layer['kind']): Layer[] {
  if (kind === 'dense') {
    const last = layers.filter((l): l is DenseLayer => l.kind === 'dense').at(-1);
    return [...layers, dense(last?.units ?? 32)];
  }
  const convs = layers.filter((l): l is ConvBlock => l.kind === 'conv');
  const previous = convs.at(-1);
  const block = conv(previous ? Math.min(MAX_FILTERS, previous.filters * 2) : 8, 3);
  return [...convs, block, ...layers.filter((l) => l.kind === 'dense')];
}

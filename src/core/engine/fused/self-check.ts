/**
 * The fused kernels checked where they are about to train (the GPU, or the fused CPU engine on the
 * CPU): one step of a small dense network (and, for a run with conv blocks, of a small conv
 * network) on the fused kernels and on tfjs's own kernels (the backend in use: WebGPU or wasm in
 * the page), from the same weights and batch, compared quantity by quantity — logits, loss, every
 * gradient, the Adam update — at the parity tests' tolerance. A driver bug or a vendor's limit that
 * SwiftShader forgives shows here, before a run trains wrong numbers without a word.
 */
import * as tf from '@tensorflow/tfjs';
import { type DenseLayer, type InputShape, type Layer, conv, dense, hasConv } from '../../layers';
import { createRng } from '../../rng';
import { distillationLoss } from '../distill';
import { type Network, createNetwork, forward, networkVariables } from '../network';
import { ModelTrainer } from '../trainer';
import type { StepSettings } from '../../schedule';
import { type EngineOptions, type FusedData, FusedEngine } from './fused-engine';
import { concatFloats, packNetwork } from './tfjs-bridge';
import type { StepEngine } from './step-engine';
import { CpuEngine } from '../cpu/cpu-engine';

/** Relative agreement the fused step must keep with tfjs's (the parity tests' tolerance). */
export const SELF_CHECK_TOLERANCE = 1e-4;

export interface QuantityGap {
  quantity: 'logits' | 'loss' | 'gradients' | 'Adam update';
  /** The largest relative difference over the quantity's elements. */
  worst: number;
  /** Set for the conv network's step (a run with conv blocks checks both). */
  conv?: true;
}

export type SelfCheck = { ok: true; gaps: QuantityGap[] } | { ok: false; failed: QuantityGap };

/**
 * The network the check trains: two hidden layers, two activations, dropout off. The first is
 * wide enough (16 rows × 256 units: four 64 × 64 blocks) that its matmuls take the 8 × 8 cut and
 * the rest the 4 × 4 cut, so the check runs both variants an untuned run uses (`defaultVariant`).
 */
export const CHECK_LAYERS: readonly DenseLayer[] = [dense(256, 'relu'), dense(5, 'tanh')];
/** For a run with conv blocks, also: two blocks (3 × 3, then 5 × 5) on 7 × 7 images, an odd pool. */
export const CHECK_CONV_LAYERS: readonly Layer[] = [conv(4), conv(3, 5), dense(5, 'relu')];
export const CHECK_IMAGE: InputShape = { features: 49, imageSide: 7 };

const INPUT: InputShape = { features: 6 };
const CLASSES = 3;
const TRAIN = 40;

/**
 * The largest |a − e| / max(|e|, floor) over the elements, the floor 1 % of the largest expected
 * magnitude, so float32 rounding in values near zero does not count.
 */
export function worstRelative(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  // A loop, not Math.max(...values): spreading a large product overflows the stack.
  let largest = 1e-2;
  for (let i = 0; i < expected.length; i++)
    largest = Math.max(largest, Math.abs(expected[i] as number));
  const floor = 1e-2 * largest;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    const gap = Math.abs(a - e) / Math.max(Math.abs(e), floor);
    worst = Math.max(worst, Number.isNaN(gap) ? Infinity : gap);
  }
  return worst;
}

/**
 * `worstRelative` over each layer's kernel and bias apart, each against its own magnitude: a
 * first layer's gradients can be orders of magnitude smaller than the last's, and a floor set by
 * the largest of all would let a wrong one through (seen: a conv block's input gradient scaled by
 * 1.01 showed as 2.4e-5 over the whole vector).
 */
function blockwiseWorst(
  actual: Float32Array,
  expected: Float32Array,
  layout: { kernelAt: readonly number[]; biasAt: readonly number[]; parameters: number },
): number {
  if (actual.length !== expected.length) return Infinity;
  const starts = [...layout.kernelAt, ...layout.biasAt].sort((a, b) => a - b);
  return Math.max(
    ...starts.map((start, i) => {
      const end = starts[i + 1] ?? layout.parameters;
      return worstRelative(actual.subarray(start, end), expected.subarray(start, end));
    }),
  );
}

/**
 * One step of `hidden` on the fused kernels (on the GPU `on`, or the fused CPU engine's) and on
 * tfjs's; every quantity's worst relative gap. `options.choose` picks the matmul variants (the
 * parity test runs each); `options.tamper` rewrites the fused kernels' WGSL (a test breaks one
 * with it); `input` an image for conv blocks (6 features else).
 */
export async function oneStepGaps(
  on: GPUDevice | 'cpu',
  hidden: readonly Layer[],
  options: Pick<EngineOptions, 'choose' | 'tamper'> = {},
  input: InputShape = INPUT,
): Promise<QuantityGap[]> {
  // tfjs's step is the reference; where the backend in use has no conv gradients (wasm), tfjs's
  // CPU backend computes it. The check's own tensors live and die on that backend.
  const inUse = tf.getBackend();
  // `getKernel` returns undefined for a missing kernel despite its typing.
  const gradient = tf.getKernel('Conv2DBackpropFilter', inUse) as tf.KernelConfig | undefined;
  const swap = hasConv(hidden) && !gradient;
  if (swap) await tf.setBackend('cpu');
  try {
    return await gapsOfOneStep(on, hidden, options, input);
  } finally {
    if (swap) await tf.setBackend(inUse);
  }
}

async function gapsOfOneStep(
  on: GPUDevice | 'cpu',
  hidden: readonly Layer[],
  options: Pick<EngineOptions, 'choose' | 'tamper'>,
  input: InputShape,
): Promise<QuantityGap[]> {
  const rng = createRng(7);
  const { features } = input;
  const data: FusedData = {
    features,
    ...(input.imageSide === undefined ? {} : { imageSide: input.imageSide }),
    classes: CLASSES,
    xTrain: Float32Array.from({ length: TRAIN * features }, () => rng.normal()),
    yTrain: Int32Array.from({ length: TRAIN }, () => rng.int(CLASSES)),
    xTest: new Float32Array(features),
    yTest: [0],
    labelMask: Float32Array.from({ length: TRAIN }, (_, i) => (i % 3 === 0 ? 0 : 1)),
  };
  const net = createNetwork({
    input,
    hidden,
    classes: CLASSES,
    seed: 3,
    name: 'self-check',
  });
  const teacherLogits = Float32Array.from({ length: TRAIN * CLASSES }, () => 3 * rng.normal());
  const rows = Int32Array.from([3, 17, 0, 22, 9, 31, 5, 12, 39, 26, 1]);
  const settings = { temperature: 3, alpha: 0.6, learningRate: 0.01 };
  const engine: StepEngine =
    on === 'cpu' ? new CpuEngine(data, 16) : new FusedEngine(on, data, 16, options);
  // tfjsStep's trainer takes the network over (and disposes it); until then it is ours.
  let owned = true;
  try {
    await engine.addModel('s', hidden, await packNetwork(net));
    engine.setTeacher(teacherLogits);
    engine.step('s', { rows, ...settings, dropoutSeed: 1, masked: true });
    const { layout, acts, grads } = await engine.snapshot('s');
    const { loss } = await engine.takeMetrics('s');
    const params = await engine.readParams('s');
    const zAt = layout.zAt[layout.widths.length - 1] as number;
    owned = false;
    const expected = await tfjsStep(net, data, teacherLogits, rows, settings);
    return [
      {
        quantity: 'logits',
        worst: worstRelative(acts.subarray(zAt, zAt + rows.length * CLASSES), expected.logits),
      },
      { quantity: 'loss', worst: worstRelative([loss], [expected.loss]) },
      { quantity: 'gradients', worst: blockwiseWorst(grads, expected.grads, layout) },
      { quantity: 'Adam update', worst: worstRelative(params, expected.params) },
    ];
  } finally {
    engine.destroy();
    if (owned) for (const v of networkVariables(net)) v.dispose();
  }
}

/** The same step on tfjs's kernels: logits, loss, gradients (flat), parameters after Adam. */
async function tfjsStep(
  net: Network,
  data: FusedData,
  teacherLogits: Float32Array,
  rows: Int32Array,
  settings: Omit<StepSettings, 'param'>,
): Promise<{ logits: Float32Array; loss: number; grads: Float32Array; params: Float32Array }> {
  const tensors = tf.tidy(() => {
    const idx = tf.tensor1d(rows, 'int32');
    return {
      x: tf.gather<tf.Tensor2D>(tf.tensor2d(data.xTrain, [TRAIN, data.features]), idx),
      labels: tf.gather<tf.Tensor1D>(tf.tensor1d(Int32Array.from(data.yTrain), 'int32'), idx),
      labelMask: tf.gather<tf.Tensor1D>(tf.tensor1d(data.labelMask), idx),
      teacher: tf.gather<tf.Tensor2D>(tf.tensor2d(teacherLogits, [TRAIN, CLASSES]), idx),
    };
  });
  const { x, labels, labelMask, teacher } = tensors;
  const trainer = new ModelTrainer(net);
  const lossOf = (z: tf.Tensor2D) =>
    distillationLoss(z, teacher, labels, { ...settings, labelMask });
  try {
    const logits = tf.tidy(() => forward(net, x));
    const { value, grads } = tf.variableGrads(() => lossOf(forward(net, x)), networkVariables(net));
    const parts: Float32Array[] = [];
    for (const { kernel, bias } of net.weights) {
      for (const v of [kernel, bias]) parts.push((await grads[v.name]?.data()) as Float32Array);
    }
    const out = {
      logits: (await logits.data()) as Float32Array,
      loss: (await value.data())[0] as number,
      grads: concatFloats(parts),
    };
    tf.dispose([logits, value, ...Object.values(grads)]);
    // Its step is the Adam update the fused one must match.
    const metrics = trainer.step(x, labels, lossOf, { learningRate: settings.learningRate });
    tf.dispose([metrics.loss, metrics.correct]);
    return { ...out, params: await packNetwork(net) };
  } finally {
    trainer.dispose();
    tf.dispose(Object.values(tensors));
  }
}

/**
 * The check's verdict: every quantity within tolerance, or the first that is not and by how much.
 * With `withConv`, the conv network's step is checked too (after the dense one).
 */
export async function selfCheck(
  on: GPUDevice | 'cpu',
  tamper?: (code: string) => string,
  withConv = false,
): Promise<SelfCheck> {
  const gaps = await oneStepGaps(on, CHECK_LAYERS, { tamper });
  if (withConv) {
    const conv = await oneStepGaps(on, CHECK_CONV_LAYERS, { tamper }, CHECK_IMAGE);
    gaps.push(...conv.map((g) => ({ ...g, conv: true as const })));
  }
  const failed = gaps.find((g) => !(g.worst <= SELF_CHECK_TOLERANCE));
  return failed ? { ok: false, failed } : { ok: true, gaps };
}

/**
 * "the gradients differed by 3.2 % (relative) from tfjs's" — the status's words for a failure of
 * the GPU's check, or (`on` 'cpu') of the fused CPU engine's.
 */
export function describeFailure(
  { quantity, worst, conv }: QuantityGap,
  on: 'gpu' | 'cpu' = 'gpu',
): string {
  const percent = Number((worst * 100).toPrecision(2)).toLocaleString('en-US');
  const size = Number.isFinite(worst) ? `${percent} %` : 'NaN or ∞';
  const what = conv ? `conv network's ${quantity}` : quantity;
  const which =
    on === 'cpu' ? "fused CPU kernels' self-check" : "fused kernels' self-check on this GPU";
  return `the ${which} failed: the ${what} differed from tfjs's by ${size} (relative; the limit is ${SELF_CHECK_TOLERANCE * 100} %)`;
}

/** Verdicts by device: of the dense check, and of the check with conv blocks. */
const verdicts = new WeakMap<GPUDevice, Map<boolean, Promise<SelfCheck>>>();

/**
 * The self-check's verdict for `device` (with the conv network too when `withConv`), run the
 * first time the fused path is about to train such a run on it and remembered for the device's
 * life (a page load, a command); a check that cannot run at all (a kernel that does not compile)
 * is a failure of the logits.
 */
export function checkOnce(device: GPUDevice, withConv = false): Promise<SelfCheck> {
  let byKind = verdicts.get(device);
  if (!byKind) {
    byKind = new Map();
    verdicts.set(device, byKind);
  }
  let verdict = byKind.get(withConv);
  if (!verdict) {
    verdict = selfCheck(device, undefined, withConv).catch((): SelfCheck => ({
      ok: false,
      failed: { quantity: 'logits', worst: Infinity },
    }));
    byKind.set(withConv, verdict);
  }
  return verdict;
}

/** The fused CPU engine's verdicts: of the dense check, and of the check with conv blocks. */
const cpuVerdicts = new Map<boolean, Promise<SelfCheck>>();

/**
 * The fused CPU engine's self-check (with the conv network too when `withConv`) against tfjs on
 * the backend in use (wasm in the page; tfjs's CPU backend for the conv step, which wasm cannot
 * train), run the first time the engine is about to train such a run and remembered for the
 * thread's life.
 */
export function checkCpuOnce(withConv = false): Promise<SelfCheck> {
  let verdict = cpuVerdicts.get(withConv);
  if (!verdict) {
    verdict = selfCheck('cpu', undefined, withConv).catch((): SelfCheck => ({
      ok: false,
      failed: { quantity: 'logits', worst: Infinity },
    }));
    cpuVerdicts.set(withConv, verdict);
  }
  return verdict;
}

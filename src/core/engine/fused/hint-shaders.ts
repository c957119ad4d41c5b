/**
 * WGSL of a hint student's regressor (FitNets; core/method-losses.ts `hintLoss` defines it):
 * γ · mean over the batch's rows and the teacher's units of (h_s · W + b − h_t)², where h_s is the
 * student's last hidden layer before its dropout and h_t the frozen teacher's, one row of
 * `hintT` (binding 13) per training row. Three matmuls, shaped as a dense layer d_s → d_t's
 * forward, weight gradient and input gradient (so the tuner's variants serve them): the error E,
 * W's and b's gradients, and the gradient G with respect to h_s, which the last layer's input
 * gradient adds before the activation's derivative. The loss kernel sums γ · mean E².
 */
import type { NetworkLayout, HintLayout } from './layout';
import { matmul } from './matmul';
import { type MatmulVariant } from './matmul-variants';
import { ACTS, ERF, GRADS, PARAMS, STEP, activate } from './wgsl-common';

const HINT_TARGETS = '@group(0) @binding(13) var<storage, read> hintT: array<f32>;\n';

/** The hint layout of `layout`, which must have one. */
function hintOf(layout: NetworkLayout): HintLayout {
  if (!layout.hint) throw new Error('This network has no hint regressor.');
  return layout.hint;
}

/** d_s: the width of the last hidden layer, whose output the regressor reads. */
const studentWidth = (layout: NetworkLayout): number => layout.widths.at(-2) as number;

/** `hs(m, k)`: h_s of batch row m, unit k — the activation of Z, before dropout. */
function studentHidden(layout: NetworkLayout): string {
  const L = layout.widths.length - 1;
  const ds = studentWidth(layout);
  const activation = layout.activations[L - 2] ?? 'relu';
  return `${ERF}
fn hs(m: u32, k: u32) -> f32 {
  let z = acts[${layout.zAt[L - 1]}u + m * ${ds}u + k];
  return ${activate(activation)};
}
`;
}

/** d loss / d E = 2γ / (rows · d_t) · E: the scale both gradients take. */
const scale = (dt: number) => `(2.0 * u.gamma / f32(u.rows * ${dt}u))`;

/** E = h_s · W + b − h_t, for every row of the batch. */
export function hintErrorShader(layout: NetworkLayout, v: MatmulVariant): string {
  const { width: dt, weightAt, biasAt, eAt } = hintOf(layout);
  return (
    STEP +
    '@group(0) @binding(2) var<storage, read> idx: array<u32>;\n' +
    HINT_TARGETS +
    PARAMS +
    ACTS +
    studentHidden(layout) +
    matmul(
      {
        m: 'u.rows',
        n: `${dt}u`,
        k: `${studentWidth(layout)}u`,
        a: 'hs(m, k)',
        b: `params[${weightAt}u + k * ${dt}u + n]`,
        store: `acts[${eAt}u + m * ${dt}u + n] = acc + params[${biasAt}u + n] - hintT[idx[u.idxOffset + m] * ${dt}u + n];`,
      },
      v,
    )
  );
}

/** dW = h_sᵀ · dE and, in the extra row m = d_s, db = Σ dE over the batch's rows. */
export function hintWeightGradShader(layout: NetworkLayout, v: MatmulVariant): string {
  const { width: dt, weightAt, biasAt, eAt } = hintOf(layout);
  const ds = studentWidth(layout);
  return (
    STEP +
    ACTS +
    GRADS +
    studentHidden(layout) +
    matmul(
      {
        m: `${ds + 1}u`,
        n: `${dt}u`,
        k: 'u.rows',
        a: `select(hs(k, min(m, ${ds - 1}u)), 1.0, m == ${ds}u)`,
        aAlongM: true,
        b: `acts[${eAt}u + k * ${dt}u + n]`,
        store: `if (m == ${ds}u) { grads[${biasAt}u + n] = ${scale(dt)} * acc; }
    else { grads[${weightAt}u + m * ${dt}u + n] = ${scale(dt)} * acc; }`,
      },
      v,
    )
  );
}

/** G = dE · Wᵀ: the hint's gradient with respect to h_s. */
export function hintInputGradShader(layout: NetworkLayout, v: MatmulVariant): string {
  const { width: dt, weightAt, eAt, gAt } = hintOf(layout);
  const ds = studentWidth(layout);
  return (
    STEP +
    PARAMS +
    ACTS +
    matmul(
      {
        m: 'u.rows',
        n: `${ds}u`,
        k: `${dt}u`,
        a: `acts[${eAt}u + m * ${dt}u + k]`,
        aRow: { base: `${eAt}u + m * ${dt}u`, at: 'acts[base + k]' },
        b: `params[${weightAt}u + n * ${dt}u + k]`,
        bAlongK: true,
        store: `acts[${gAt}u + m * ${ds}u + n] = ${scale(dt)} * acc;`,
      },
      v,
    )
  );
}

/**
 * Statements for the loss kernel (thread `t` of `threads`): γ · mean E² added to `lossSum`; empty
 * for a network without a hint.
 */
export function hintLossTerm(layout: NetworkLayout, threads: number): string {
  if (!layout.hint) return '';
  const { width: dt, eAt } = layout.hint;
  return `let hintCount = u.rows * ${dt}u;
  for (var i = t; i < hintCount; i += ${threads}u) {
    let e = acts[${eAt}u + i];
    lossSum += u.gamma * e * e / f32(hintCount);
  }`;
}

/**
 * How the last layer's input gradient takes in the hint: its `acc * keep` (d loss / d h_s from
 * above, through dropout) plus G, before the activation's derivative.
 */
export function withHintGradient(layout: NetworkLayout, below: number, fromAbove: string): string {
  const L = layout.widths.length - 1;
  if (!layout.hint || below !== L - 1) return fromAbove;
  const ds = studentWidth(layout);
  return `(${fromAbove} + acts[${layout.hint.gAt}u + m * ${ds}u + n])`;
}

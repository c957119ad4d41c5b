/**
 * WGSL of a dense layer's three kernels, generated per network so every width and offset is a
 * constant: forward (matmul + bias + activation + dropout), the weight and bias gradients, and the
 * input gradient with the activation's derivative and the dropout mask fused. All three are one
 * matmul (matmul.ts, in the variant the tuner chose) with its own loads and stores.
 */
import { withHintGradient } from './hint-shaders';
import type { NetworkLayout } from './layout';
import { matmul } from './matmul';
import { type MatmulVariant } from './matmul-variants';
import {
  ACTS,
  ERF,
  GRADS,
  PARAMS,
  RNG,
  STEP,
  X_BINDINGS,
  activate,
  derivative,
} from './wgsl-common';

/** The input of layer `l` at (row, column): a data row through the index buffer, or H of l − 1. */
function input(layout: NetworkLayout, l: number, row: string, col: string): string {
  if (l === 1) return `x[idx[u.idxOffset + ${row}] * ${layout.widths[0]}u + ${col}]`;
  return `acts[${layout.hAt[l - 1]}u + ${row} * ${layout.widths[l - 1]}u + ${col}]`;
}

/** Where row `m` of layer `l`'s input starts, and its element `k` from there. */
function inputRow(layout: NetworkLayout, l: number): { base: string; at: string } {
  if (l === 1) return { base: `idx[u.idxOffset + m] * ${layout.widths[0]}u`, at: 'x[base + k]' };
  return { base: `${layout.hAt[l - 1]}u + m * ${layout.widths[l - 1]}u`, at: 'acts[base + k]' };
}

/** Z = input · W + b; for a hidden layer also H = dropout(activation(Z)). */
export function forwardShader(layout: NetworkLayout, l: number, v: MatmulVariant): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const hidden = l < layout.widths.length - 1;
  const activation = layout.activations[l - 1] ?? 'relu';
  const rate = layout.dropouts[l - 1] ?? 0;
  const store = hidden
    ? `let z = acc + params[${layout.biasAt[l - 1]}u + n];
    acts[${layout.zAt[l]}u + m * ${units}u + n] = z;
    acts[${layout.hAt[l]}u + m * ${units}u + n] = (${activate(activation)}) * keep(${l}u, m, n, ${rate});`
    : `acts[${layout.zAt[l]}u + m * ${units}u + n] = acc + params[${layout.biasAt[l - 1]}u + n];`;
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    PARAMS +
    ACTS +
    RNG +
    ERF +
    matmul(
      {
        m: 'u.rows',
        n: `${units}u`,
        k: `${fanIn}u`,
        a: input(layout, l, 'm', 'k'),
        aRow: inputRow(layout, l),
        b: `params[${layout.kernelAt[l - 1]}u + k * ${units}u + n]`,
        store,
      },
      v,
    )
  );
}

/**
 * dW = inputᵀ · D and, in the extra row m = fanIn, db = Σ D over the batch's rows.
 */
export function weightGradShader(layout: NetworkLayout, l: number, v: MatmulVariant): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  // The bias's row (m = fanIn) reads 1: a select, not a branch, so SIMD lanes stay together.
  const inputAt = input(layout, l, 'k', `min(m, ${fanIn - 1}u)`);
  return (
    STEP +
    (l === 1 ? X_BINDINGS : '') +
    ACTS +
    GRADS +
    matmul(
      {
        m: `${fanIn + 1}u`,
        n: `${units}u`,
        k: 'u.rows',
        a: `select(${inputAt}, 1.0, m == ${fanIn}u)`,
        aAlongM: true,
        b: `acts[${layout.dAt[l]}u + k * ${units}u + n]`,
        store: `if (m == ${fanIn}u) { grads[${layout.biasAt[l - 1]}u + n] = acc; }
    else { grads[${layout.kernelAt[l - 1]}u + m * ${units}u + n] = acc; }`,
      },
      v,
    )
  );
}

/**
 * D of layer l − 1 = (D · Wᵀ) × dropout mask × activation′(Z of l − 1); for a hint student's last
 * layer, the hint's gradient G joins before the derivative.
 */
export function inputGradShader(layout: NetworkLayout, l: number, v: MatmulVariant): string {
  const fanIn = layout.widths[l - 1] as number;
  const units = layout.widths[l] as number;
  const below = l - 1;
  const activation = layout.activations[below - 1] ?? 'relu';
  const rate = layout.dropouts[below - 1] ?? 0;
  return (
    STEP +
    PARAMS +
    ACTS +
    RNG +
    ERF +
    matmul(
      {
        m: 'u.rows',
        n: `${fanIn}u`,
        k: `${units}u`,
        a: `acts[${layout.dAt[l]}u + m * ${units}u + k]`,
        aRow: { base: `${layout.dAt[l]}u + m * ${units}u`, at: 'acts[base + k]' },
        b: `params[${layout.kernelAt[l - 1]}u + n * ${units}u + k]`,
        bAlongK: true,
        // Below a conv block, D is its pooled output's: the pool's gradient takes it from there.
        store: layout.convs[below - 1]
          ? `acts[${layout.dAt[below]}u + m * ${fanIn}u + n] = acc;`
          : `let z = acts[${layout.zAt[below]}u + m * ${fanIn}u + n];
    acts[${layout.dAt[below]}u + m * ${fanIn}u + n] = ${withHintGradient(layout, below, `acc * keep(${below}u, m, n, ${rate})`)} * (${derivative(activation)});`,
      },
      v,
    )
  );
}

/**
 * The matmuls of a network as the tuner knows them: each dense layer's three (forward, weight
 * gradient, input gradient) as an m × n output reduced over k, the key choices are kept under, and
 * the choice of variant a network's kernels are built with.
 */
import type { MatmulVariant } from './matmul-variants';

/** The three matmuls of a dense layer: forward, weight gradient, input gradient. */
export type MatmulRole = 'forward' | 'dW' | 'dX';

/** A matmul kernel as the tuner sees it: C is m × n, reduced over k (m: a batch's rows). */
export interface MatmulShape {
  readonly role: MatmulRole;
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

/** The tuner's key of a matmul: its role and shape (a variant's speed depends on nothing else). */
export const shapeKey = (s: MatmulShape): string => `${s.role} ${s.m}×${s.n}×${s.k}`;

/** The variant each matmul of a network is cut by. */
export type VariantChoice = (shape: MatmulShape) => MatmulVariant;

/** Every matmul shape of a dense network of `widths` trained in batches of `batch` rows. */
export function networkShapes(
  widths: readonly number[],
  batch: number,
  /** Layers that are conv blocks (non-null), whose kernels are not matmuls: left out. */
  convs: readonly unknown[] = [],
): MatmulShape[] {
  return widths.slice(1).flatMap((units, i) => {
    if (convs[i]) return [];
    const fanIn = widths[i] as number;
    const roles: MatmulRole[] = i === 0 ? ['forward', 'dW'] : ['forward', 'dW', 'dX'];
    return roles.map((role) => matmulShape(role, batch, fanIn, units));
  });
}

/** The shape of a layer's `role` matmul for a batch of `batch` rows. */
export function matmulShape(
  role: MatmulRole,
  batch: number,
  fanIn: number,
  units: number,
): MatmulShape {
  if (role === 'forward') return { role, m: batch, n: units, k: fanIn };
  // The weight gradient's extra row is the bias's gradient.
  if (role === 'dW') return { role, m: fanIn + 1, n: units, k: batch };
  return { role, m: batch, n: fanIn, k: units };
}

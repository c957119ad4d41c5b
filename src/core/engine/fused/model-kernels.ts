/**
 * The kernels of a group of networks of one shape (fused-model.ts), compiled once: each dense
 * layer's three matmuls at the variant the tuner chose, each conv block's five kernels, a hint
 * student's regressor, the loss, Adam and the evaluation count.
 */
import { convForwardShader, poolGradShader, poolShader } from './conv-shaders';
import { convFilterGradShader, convInputGradShader } from './conv-grad-shaders';
import { forwardShader, inputGradShader, weightGradShader } from './layer-shaders';
import { hintErrorShader, hintInputGradShader, hintWeightGradShader } from './hint-shaders';
import { defaultVariant, type MatmulVariant } from './matmul-variants';
import {
  type MatmulRole,
  type MatmulShape,
  type VariantChoice,
  matmulShape,
} from './matmul-shapes';
import { adamShader, evalShader, lossShader } from './loss-shaders';
import { forGroup } from './wgsl-common';
import { type Kernel, kernelOf } from './kernel';
import type { NetworkLayout } from './layout';

/** A layer's matmul kernel and how it is cut. */
export interface MatmulKernel {
  kernel: Kernel;
  shape: MatmulShape;
  variant: MatmulVariant;
}

/**
 * A conv block's five kernels (conv-shaders.ts): the convolution a thread a position and four
 * filters, the pool's gradient a thread a window, the filter gradient a workgroup a row of taps
 * and four filters, the rest a thread an output.
 */
export interface ConvKernels {
  forward: Kernel;
  pool: Kernel;
  poolGrad: Kernel;
  filterGrad: Kernel;
  inputGrad: Kernel | null;
}

/** A group's kernels, by layer (1-based) where a layer has its own. */
export interface ModelKernels {
  /** A dense layer's three matmuls. */
  forward: Map<number, MatmulKernel>;
  weightGrad: Map<number, MatmulKernel>;
  inputGrad: Map<number, MatmulKernel>;
  /** A conv block's kernels (no input gradient for the first). */
  conv: Map<number, ConvKernels>;
  /** A hint student's regressor: its error, weight gradient and input gradient (hint-shaders.ts). */
  hint: Record<MatmulRole, MatmulKernel> | null;
  loss: Kernel;
  adam: Kernel;
  eval: Kernel;
}

export interface KernelOptions {
  /** Rows of a training batch: the matmuls' shapes, as the tuner knows them, take it. */
  batch: number;
  /** The variant of each matmul; the shape's default without tuning. */
  choose?: VariantChoice;
  /** Rewrites each kernel's WGSL: a test's seam, the identity otherwise. */
  tamper?: (code: string) => string;
  /** tfjs's Adam ε. */
  epsilon: number;
}

export function compileKernels(
  device: GPUDevice,
  name: string,
  layout: NetworkLayout,
  { batch, choose = defaultVariant, tamper = (code) => code, epsilon }: KernelOptions,
): ModelKernels {
  const forward = new Map<number, MatmulKernel>();
  const weightGrad = new Map<number, MatmulKernel>();
  const inputGrad = new Map<number, MatmulKernel>();
  const conv = new Map<number, ConvKernels>();
  let hint: Record<MatmulRole, MatmulKernel> | null = null;
  const sizes = { parameters: layout.parameters, activations: layout.activationFloats };
  const kernel = (label: string, code: string) =>
    kernelOf(device, `${name} ${label}`, tamper(forGroup(code, sizes)));
  const L = layout.widths.length - 1;
  const shader = { forward: forwardShader, dW: weightGradShader, dX: inputGradShader };
  const matmulKernel = (role: MatmulRole, l: number): MatmulKernel => {
    const fanIn = layout.widths[l - 1] as number;
    const units = layout.widths[l] as number;
    const shape = matmulShape(role, batch, fanIn, units);
    const variant = choose(shape);
    return { kernel: kernel(`${role} ${l}`, shader[role](layout, l, variant)), shape, variant };
  };
  for (let l = 1; l <= L; l++) {
    if (layout.convs[l - 1]) {
      conv.set(l, {
        forward: kernel(`conv ${l}`, convForwardShader(layout, l)),
        pool: kernel(`pool ${l}`, poolShader(layout, l)),
        poolGrad: kernel(`pool grad ${l}`, poolGradShader(layout, l)),
        filterGrad: kernel(`conv dW ${l}`, convFilterGradShader(layout, l)),
        inputGrad: l > 1 ? kernel(`conv dX ${l}`, convInputGradShader(layout, l)) : null,
      });
      continue;
    }
    forward.set(l, matmulKernel('forward', l));
    weightGrad.set(l, matmulKernel('dW', l));
    if (l > 1) inputGrad.set(l, matmulKernel('dX', l));
  }
  if (layout.hint) {
    const hintShader = {
      forward: hintErrorShader,
      dW: hintWeightGradShader,
      dX: hintInputGradShader,
    };
    const hintKernel = (role: MatmulRole): MatmulKernel => {
      const shape = matmulShape(
        role,
        batch,
        layout.widths[L - 1] as number,
        layout.hint?.width ?? 0,
      );
      const variant = choose(shape);
      return {
        kernel: kernel(`hint ${role}`, hintShader[role](layout, variant)),
        shape,
        variant,
      };
    };
    hint = { forward: hintKernel('forward'), dW: hintKernel('dW'), dX: hintKernel('dX') };
  }
  return {
    forward,
    weightGrad,
    inputGrad,
    conv,
    hint,
    loss: kernel('loss', lossShader(layout)),
    adam: kernel('adam', adamShader(layout.parameters, epsilon)),
    eval: kernel('eval', evalShader(layout)),
  };
}

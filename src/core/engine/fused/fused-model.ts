import type { Layer } from '../../layers';
import { AdamCorrections } from './adam-corrections';
import { filterQuads, poolGradWindows } from './conv-shaders';
import { filterTapRows } from './conv-grad-shaders';
import { blockOf, type MatmulVariant } from './matmul-variants';
import type { MatmulShape, VariantChoice } from './matmul-shapes';
import { ADAM_SPAN } from './loss-shaders';
import { FLAT_THREADS, MAX_GROUP, STEP_STRIDE } from './wgsl-common';
import { type Kernel, flatGroups } from './kernel';
import { type NetworkLayout, type LayoutInput, networkLayout } from './layout';
import { type MatmulKernel, type ModelKernels, compileKernels } from './model-kernels';

/** The buffers of one data source: training batches, or the test rows. */
/** Training batches, test rows, and every training row in order (the teacher's outputs). */
export type SourceName = 'train' | 'test' | 'rows';
export type Source = Readonly<Record<number, GPUBuffer>>;

/** One dispatch of a training step: what it is, its kernel and its grid. */
export interface Dispatch {
  readonly label: string;
  readonly kernel: Kernel;
  readonly grid: readonly [number, number, number];
  /** Set for a matmul: its shape and variant. */
  readonly matmul?: { shape: MatmulShape; variant: MatmulVariant };
}

/** A flat kernel's dispatch over `count` outputs of each of `z` models. */
function flatDispatch(label: string, kernel: Kernel, count: number, z: number): Dispatch {
  return { label, kernel, grid: [...flatGroups(count, FLAT_THREADS), z] };
}

/** Read at use: WebGPU's globals exist only once a device is at hand (Node tests set them). */
const storage = (): number =>
  GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

/**
 * A group of `count` dense networks of one shape on the GPU, trained in the same dispatches
 * (workgroup z is the model): parameters, gradients and Adam moments as one flat buffer each,
 * model after model, their activations, their metric sums, and the kernels (compiled once; bind
 * groups made once per data source). A lone network is a group of one.
 */
export class FusedModel {
  readonly layout: NetworkLayout;
  /** Models in the group. */
  readonly count: number;
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  readonly moments: GPUBuffer;
  readonly acts: GPUBuffer;
  /** Loss sum and correct-row count of the steps since the last read. */
  readonly metrics: GPUBuffer;
  /** Evaluation counts: rows right, rows agreeing with the teacher. */
  readonly counts: GPUBuffer;
  /** The group steps together: one Adam step count, so one pair of bias corrections. */
  private readonly adam = new AdamCorrections();
  /** Every kernel of a step and of evaluation, compiled once (model-kernels.ts). */
  private readonly kernels: ModelKernels;
  /** Bind groups of this model's buffers, by kernel and data source. */
  private readonly groups = new Map<Kernel, Map<SourceName, GPUBindGroup>>();

  constructor(
    device: GPUDevice,
    readonly name: string,
    input: number | LayoutInput,
    hidden: readonly Layer[],
    classes: number,
    rows: number,
    /** Each model's initial parameters, in the group's order. */
    initial: readonly Float32Array[],
    epsilon: number,
    /** Rows of a training batch: the matmuls' shapes, as the tuner knows them, take it. */
    batch: number,
    /** The variant of each matmul; the shape's default without tuning. */
    choose?: VariantChoice,
    /** Rewrites each kernel's WGSL: a test's seam, the identity otherwise. */
    tamper?: (code: string) => string,
    /** The teacher's last hidden width, for hint students (a regressor after the parameters). */
    hintWidth?: number,
  ) {
    const layout = networkLayout(input, hidden, classes, rows, hintWidth);
    this.layout = layout;
    this.count = initial.length;
    if (this.count < 1 || this.count > MAX_GROUP) {
      throw new Error(`${name}: a group holds 1 to ${MAX_GROUP} models, not ${this.count}`);
    }
    for (const one of initial) {
      if (one.length !== layout.parameters) {
        throw new Error(`${name}: ${one.length} parameters given, ${layout.parameters} expected`);
      }
    }
    const buffer = (label: string, floats: number) =>
      device.createBuffer({
        label: `${name} ${label}`,
        size: Math.max(4, floats * this.count * 4),
        usage: storage(),
      });
    this.params = buffer('params', layout.parameters);
    initial.forEach((one, m) => {
      device.queue.writeBuffer(this.params, m * layout.parameters * 4, one);
    });
    this.grads = buffer('grads', layout.parameters);
    this.moments = buffer('moments', 2 * layout.parameters);
    this.acts = buffer('activations', layout.activationFloats);
    this.metrics = buffer('metrics', 2);
    this.counts = buffer('counts', 2);
    const seams = { ...(choose && { choose }), ...(tamper && { tamper }) };
    this.kernels = compileKernels(device, name, layout, { batch, epsilon, ...seams });
  }

  /** The next Adam step's bias corrections, 1 − β₁ᵗ and 1 − β₂ᵗ, as tfjs computes them. */
  nextCorrections(): { corr1: number; corr2: number } {
    return this.adam.next();
  }

  /**
   * The dispatches of one training step of a batch of at most `rows` rows for every model of the
   * group at once: forward, loss, gradients, then Adam — 3·layers + 1, whatever the group's size
   * (3 more for a hint student: its regressor's error before the loss, and its two gradients before
   * the last layer's input gradient, which takes in the hint's).
   */
  stepPlan(rows: number): Dispatch[] {
    const { layout } = this;
    const { widths } = layout;
    const L = widths.length - 1;
    const z = this.count;
    const plan = this.forwardPlan(rows, z);
    const { hint } = this.kernels;
    const ds = widths[L - 1] as number;
    const dt = this.layout.hint?.width ?? 0;
    if (hint) plan.push(matmulDispatch('hint error', hint.forward, rows, dt, z));
    plan.push({ label: 'loss', kernel: this.kernels.loss, grid: [1, 1, z] });
    for (let l = L; l >= 1; l--) {
      const conv = layout.convs[l - 1];
      const kernels = this.kernels.conv.get(l);
      if (conv && kernels) {
        const positions = rows * conv.side * conv.side;
        const windows = rows * poolGradWindows(conv) ** 2 * conv.filters;
        plan.push(flatDispatch(`pool grad ${l}`, kernels.poolGrad, windows, z));
        // A workgroup a row of taps and four filters: x the quad, y the row (the bias's last).
        const grid = [filterQuads(conv), filterTapRows(conv), z] as const;
        plan.push({ label: `dW ${l}`, kernel: kernels.filterGrad, grid });
        if (kernels.inputGrad) {
          plan.push(flatDispatch(`dX ${l}`, kernels.inputGrad, positions * conv.channels, z));
        }
        continue;
      }
      const units = widths[l] as number;
      const fanIn = widths[l - 1] as number;
      plan.push(matmulDispatch(`dW ${l}`, this.kernels.weightGrad.get(l), fanIn + 1, units, z));
      if (hint && l === L) {
        plan.push(matmulDispatch('hint dW', hint.dW, ds + 1, dt, z));
        plan.push(matmulDispatch('hint dX', hint.dX, rows, ds, z));
      }
      if (l > 1)
        plan.push(matmulDispatch(`dX ${l}`, this.kernels.inputGrad.get(l), rows, fanIn, z));
    }
    const adam = flatGroups(Math.ceil(this.layout.parameters / ADAM_SPAN), FLAT_THREADS);
    plan.push({ label: 'adam', kernel: this.kernels.adam, grid: [...adam, z] });
    return plan;
  }

  /** Encodes one training step (`stepPlan`) of the models whose records start at `offset`. */
  encodeStep(pass: GPUComputePassEncoder, source: Source, offset: number, rows: number): void {
    for (const d of this.stepPlan(rows)) this.encode(pass, d, 'train', source, offset);
  }

  /** Encodes `d` on `name`'s bind group with the records from `offset` on. */
  encode(
    pass: GPUComputePassEncoder,
    d: Dispatch,
    name: SourceName,
    source: Source,
    offset: number,
  ): void {
    this.use(pass, d.kernel, name, source, offset);
    pass.dispatchWorkgroups(...d.grid);
  }

  private forwardPlan(rows: number, models: number): Dispatch[] {
    const { widths, convs } = this.layout;
    return widths.slice(1).flatMap((units, i) => {
      const l = i + 1;
      const conv = convs[i];
      const kernels = this.kernels.conv.get(l);
      if (!conv || !kernels) {
        return [matmulDispatch(`forward ${l}`, this.kernels.forward.get(l), rows, units, models)];
      }
      const positions = rows * conv.side * conv.side;
      return [
        flatDispatch(`conv ${l}`, kernels.forward, positions * filterQuads(conv), models),
        flatDispatch(`pool ${l}`, kernels.pool, rows * units, models),
      ];
    });
  }

  /** Logits of `rows` rows of `source` into Z of the output layer, for `models` records' models. */
  encodeForward(
    pass: GPUComputePassEncoder,
    name: SourceName,
    source: Source,
    offset: number,
    rows: number,
    models = 1,
  ): void {
    for (const d of this.forwardPlan(rows, models)) this.encode(pass, d, name, source, offset);
  }

  /** Adds the evaluated chunk's matches (with the labels, and with the teacher) to `counts`. */
  encodeCount(pass: GPUComputePassEncoder, source: Source, offset: number, rows: number): void {
    this.use(pass, this.kernels.eval, 'test', source, offset);
    pass.dispatchWorkgroups(...flatGroups(rows, FLAT_THREADS));
  }

  destroy(): void {
    for (const b of [this.params, this.grads, this.moments, this.acts, this.metrics, this.counts]) {
      b.destroy();
    }
  }

  private use(
    pass: GPUComputePassEncoder,
    kernel: Kernel,
    name: SourceName,
    source: Source,
    offset: number,
  ): void {
    let groups = this.groups.get(kernel);
    if (!groups) {
      groups = new Map();
      this.groups.set(kernel, groups);
    }
    let group = groups.get(name);
    if (!group) {
      group = kernel.bind(
        {
          ...source,
          3: this.params,
          4: this.acts,
          5: this.grads,
          9: this.metrics,
          10: this.moments,
          11: this.counts,
        },
        MAX_GROUP * STEP_STRIDE,
      );
      groups.set(name, group);
    }
    pass.setPipeline(kernel.pipeline);
    pass.setBindGroup(0, group, [offset]);
  }
}

/** A matmul's dispatch over an m × n output, cut into its variant's blocks, for `z` models. */
function matmulDispatch(
  label: string,
  k: MatmulKernel | undefined,
  m: number,
  n: number,
  z: number,
): Dispatch {
  if (!k) throw new Error(`${label}: no kernel`);
  const block = blockOf(k.variant);
  const grid = [
    Math.max(1, Math.ceil(n / block.n)),
    Math.max(1, Math.ceil(m / block.m)),
    z,
  ] as const;
  return { label, kernel: k.kernel, grid, matmul: { shape: k.shape, variant: k.variant } };
}

import type { DenseLayer } from '../../layers';
import { TILE, forwardShader, inputGradShader, weightGradShader } from './layer-shaders';
import { adamShader, evalShader, lossShader } from './loss-shaders';
import { FLAT_THREADS, MAX_GROUP, STEP_STRIDE, forGroup } from './wgsl-common';
import { type Kernel, flatGroups, kernelOf } from './kernel';
import { type DenseLayout, denseLayout } from './layout';

/** The buffers of one data source: training batches, or the test rows. */
export type SourceName = 'train' | 'test';
export type Source = Readonly<Record<number, GPUBuffer>>;

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
  readonly layout: DenseLayout;
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
  /** tfjs's running β₁ᵗ and β₂ᵗ, in float32 as tfjs keeps them. */
  private accBeta1 = Math.fround(0.9);
  private accBeta2 = Math.fround(0.999);
  private readonly forward: Kernel[] = [];
  private readonly weightGrad: Kernel[] = [];
  private readonly inputGrad: Kernel[] = [];
  private readonly loss: Kernel;
  private readonly adam: Kernel;
  private readonly eval: Kernel;
  /** Bind groups of this model's buffers, by kernel and data source. */
  private readonly groups = new Map<Kernel, Map<SourceName, GPUBindGroup>>();

  constructor(
    device: GPUDevice,
    readonly name: string,
    features: number,
    hidden: readonly DenseLayer[],
    classes: number,
    rows: number,
    /** Each model's initial parameters, in the group's order. */
    initial: readonly Float32Array[],
    epsilon: number,
    /** Rewrites each kernel's WGSL: a test's seam, the identity otherwise. */
    tamper: (code: string) => string = (code) => code,
  ) {
    const layout = denseLayout(features, hidden, classes, rows);
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
    const sizes = { parameters: layout.parameters, activations: layout.activationFloats };
    const kernel = (label: string, code: string) =>
      kernelOf(device, `${name} ${label}`, tamper(forGroup(code, sizes)));
    const L = layout.widths.length - 1;
    for (let l = 1; l <= L; l++) {
      this.forward.push(kernel(`forward ${l}`, forwardShader(layout, l)));
      this.weightGrad.push(kernel(`dW ${l}`, weightGradShader(layout, l)));
      if (l > 1) this.inputGrad.push(kernel(`dX ${l}`, inputGradShader(layout, l)));
    }
    this.loss = kernel('loss', lossShader(layout));
    this.adam = kernel('adam', adamShader(layout.parameters, epsilon));
    this.eval = kernel('eval', evalShader(layout));
  }

  /** The next Adam step's bias corrections, 1 − β₁ᵗ and 1 − β₂ᵗ, as tfjs computes them. */
  nextCorrections(): { corr1: number; corr2: number } {
    const corr = { corr1: Math.fround(1 - this.accBeta1), corr2: Math.fround(1 - this.accBeta2) };
    this.accBeta1 = Math.fround(this.accBeta1 * 0.9);
    this.accBeta2 = Math.fround(this.accBeta2 * 0.999);
    return corr;
  }

  /**
   * Forward, loss and gradients of a batch of at most `rows` rows, then Adam, for every model of
   * the group at once (their records from `offset` on): 3·layers + 1 dispatches, whatever the
   * group's size.
   */
  encodeStep(pass: GPUComputePassEncoder, source: Source, offset: number, rows: number): void {
    const { widths } = this.layout;
    const L = widths.length - 1;
    const z = this.count;
    this.encodeForward(pass, 'train', source, offset, rows, z);
    this.use(pass, this.loss, 'train', source, offset);
    pass.dispatchWorkgroups(1, 1, z);
    for (let l = L; l >= 1; l--) {
      const units = widths[l] as number;
      const fanIn = widths[l - 1] as number;
      this.use(pass, this.weightGrad[l - 1] as Kernel, 'train', source, offset);
      pass.dispatchWorkgroups(tiles(units), tiles(fanIn + 1), z);
      if (l > 1) {
        this.use(pass, this.inputGrad[l - 2] as Kernel, 'train', source, offset);
        pass.dispatchWorkgroups(tiles(fanIn), tiles(rows), z);
      }
    }
    this.use(pass, this.adam, 'train', source, offset);
    pass.dispatchWorkgroups(...flatGroups(this.layout.parameters, FLAT_THREADS), z);
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
    const { widths } = this.layout;
    this.forward.forEach((kernel, i) => {
      this.use(pass, kernel, name, source, offset);
      pass.dispatchWorkgroups(tiles(widths[i + 1] as number), tiles(rows), models);
    });
  }

  /** Adds the evaluated chunk's matches (with the labels, and with the teacher) to `counts`. */
  encodeCount(pass: GPUComputePassEncoder, source: Source, offset: number, rows: number): void {
    this.use(pass, this.eval, 'test', source, offset);
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

function tiles(n: number): number {
  return Math.max(1, Math.ceil(n / TILE));
}

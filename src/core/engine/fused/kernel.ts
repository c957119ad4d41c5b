/**
 * A compute pipeline with an explicit bind group layout read off its WGSL: binding 0 is the
 * per-dispatch records (read-only storage with a dynamic offset, which `layout: 'auto'` cannot
 * give), every other binding a storage buffer, read-only or not as the shader declares it.
 */
export class Kernel {
  readonly bindings: readonly number[];
  private readonly layout: GPUBindGroupLayout;
  readonly pipeline: GPUComputePipeline;

  constructor(
    private readonly device: GPUDevice,
    readonly label: string,
    code: string,
  ) {
    const found = [...code.matchAll(/@binding\((\d+)\) var<(storage, read_write|storage, read)>/g)];
    this.bindings = found.map((m) => Number(m[1]));
    this.layout = device.createBindGroupLayout({
      label,
      entries: found.map((m) => ({
        binding: Number(m[1]),
        visibility: GPUShaderStage.COMPUTE,
        buffer:
          m[1] === '0'
            ? { type: 'read-only-storage', hasDynamicOffset: true }
            : { type: m[2] === 'storage, read' ? 'read-only-storage' : 'storage' },
      })),
    });
    const module = device.createShaderModule({ label, code });
    this.pipeline = device.createComputePipeline({
      label,
      layout: device.createPipelineLayout({ bindGroupLayouts: [this.layout] }),
      compute: { module, entryPoint: 'main' },
    });
  }

  /** A bind group of the buffers this kernel uses, taken by binding number from `buffers`. */
  bind(buffers: Readonly<Record<number, GPUBuffer>>, stepBytes: number): GPUBindGroup {
    return this.device.createBindGroup({
      label: this.label,
      layout: this.layout,
      entries: this.bindings.map((binding) => {
        const buffer = buffers[binding];
        if (!buffer) throw new Error(`${this.label}: nothing bound at ${binding}`);
        return { binding, resource: binding === 0 ? { buffer, size: stepBytes } : { buffer } };
      }),
    });
  }
}

const compiled = new WeakMap<GPUDevice, Map<string, Kernel>>();

/**
 * The kernel of `code` on `device`, compiled once: the two students share theirs, and a run with
 * the networks of the one before compiles nothing (a pipeline costs ~0.25 s on SwiftShader).
 */
export function kernelOf(device: GPUDevice, label: string, code: string): Kernel {
  let cache = compiled.get(device);
  if (!cache) {
    cache = new Map();
    compiled.set(device, cache);
  }
  let kernel = cache.get(code);
  if (!kernel) {
    kernel = new Kernel(device, label, code);
    cache.set(code, kernel);
  }
  return kernel;
}

/** Drops `device`'s compiled kernels: after an error, none of them is to be trusted. */
export function forgetKernels(device: GPUDevice): void {
  compiled.delete(device);
}

/**
 * The fastest of `reps` runs of `run` (each a submit waited for), after one first run: on a
 * shared machine a mean takes in whatever else ran meanwhile; the minimum is the kernel's own time.
 * If the first run alone takes over `hopeless` ms, its time is the answer: the tuner's way of not
 * spending its budget on a variant many times slower than the best so far.
 */
export async function fastestOf(
  reps: number,
  run: () => Promise<void>,
  now: () => number,
  hopeless = Infinity,
): Promise<number> {
  const start = now();
  await run();
  const first = now() - start;
  if (first > hopeless) return first;
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const rep = now();
    await run();
    best = Math.min(best, now() - rep);
  }
  return best;
}

/** Workgroups along x and y for `count` flat invocations of `size` threads each. */
export function flatGroups(count: number, size: number): [number, number] {
  const groups = Math.max(1, Math.ceil(count / size));
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x)];
}

import type { ModelShape } from '../../backend-choice';
import { createRng } from '../../rng';
import { type ProbeOptions, timeProbe } from '../speed-probe';
import { type EngineOptions, type FusedData, FusedEngine } from './fused-engine';
import type { StepEngine } from './step-engine';
import { CpuEngine } from '../cpu/cpu-engine';
import type { InputShape } from '../../layers';
import { networkLayout } from './layout';

/** `batch` random rows (features uniform in ±1, random labels) and the stream they came from. */
function randomRows({
  features,
  imageSide,
  classes,
  batch,
}: {
  features: number;
  imageSide?: number;
  classes: number;
  batch: number;
}): { data: FusedData; random: (n: number, scale: number) => Float32Array } {
  const rng = createRng(1);
  const random = (n: number, scale: number) =>
    Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * scale);
  const data = {
    features,
    ...(imageSide === undefined ? {} : { imageSide }),
    classes,
    xTrain: random(batch * features, 1),
    yTrain: Int32Array.from({ length: batch }, () => rng.int(classes)),
    xTest: new Float32Array(features),
    yTest: [0],
    labelMask: new Float32Array(batch).fill(1),
  };
  return { data, random };
}

/**
 * A fused engine on `batch` random rows, for timing: a step's speed does not depend on the values.
 * `random(n, scale)` draws more from the same stream.
 */
export function randomRowsEngine(
  device: GPUDevice,
  {
    features,
    imageSide,
    classes,
    batch,
  }: { features: number; imageSide?: number; classes: number; batch: number },
  options?: EngineOptions,
): { engine: FusedEngine; random: (n: number, scale: number) => Float32Array } {
  const { data, random } = randomRows({
    features,
    ...(imageSide === undefined ? {} : { imageSide }),
    classes,
    batch,
  });
  return { engine: new FusedEngine(device, data, batch, options), random };
}

/**
 * Training speed of the fused kernels on `shape` — on the GPU `on`, or the fused CPU engine's —
 * measured as `probeSpeed` measures a backend: a teacher step and a student step on random data
 * after one untimed compiling step, so Auto weighs WebGPU and wasm at the speed they would train.
 */
export async function probeFusedSpeed(
  on: GPUDevice | 'cpu',
  shape: ModelShape,
  opts: ProbeOptions,
): Promise<number> {
  const { batchSize, classes } = shape;
  const input: InputShape = shape.input;
  const { data, random } = randomRows({ ...input, classes, batch: batchSize });
  // The CPU engine on the pool a run would get: Auto weighs wasm at the speed it would train.
  const engine: StepEngine =
    on === 'cpu' ? await CpuEngine.start(data, batchSize) : new FusedEngine(on, data, batchSize);
  try {
    for (const [name, hidden] of [
      ['teacher', shape.teacherHidden],
      ['student', shape.studentHidden],
    ] as const) {
      const { parameters } = networkLayout(input, hidden, classes, 1);
      await engine.addModel(name, hidden, random(parameters, 0.05));
    }
    const rows = Int32Array.from({ length: batchSize }, (_, i) => i);
    const settings = { rows, temperature: 1, alpha: 0, learningRate: 1e-3, masked: false };
    const step = () => {
      engine.step('teacher', { ...settings, dropoutSeed: 1 });
      engine.step('student', { ...settings, dropoutSeed: 1 });
    };
    return await timeProbe(step, () => engine.takeMetrics('student'), batchSize, opts);
  } finally {
    engine.destroy();
  }
}

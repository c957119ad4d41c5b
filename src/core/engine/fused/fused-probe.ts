import type { ModelShape } from '../../backend-choice';
import { createRng } from '../../rng';
import { type ProbeOptions, timeProbe } from '../bench/speed-probe';
import { FusedEngine } from './fused-engine';
import { denseLayout } from './layout';
import { denseLayers } from './tfjs-bridge';

/**
 * Training speed of the fused kernels on `shape`, measured as `probeSpeed` measures a backend —
 * a teacher step and a student step on random data after one untimed compiling step — so Auto
 * weighs WebGPU at the speed it would train. Null when the networks have conv blocks.
 */
export async function probeFusedSpeed(
  device: GPUDevice,
  shape: ModelShape,
  opts: ProbeOptions,
): Promise<number | null> {
  const teacher = denseLayers(shape.teacherHidden);
  const student = denseLayers(shape.studentHidden);
  if (!teacher || !student) return null;
  const { batchSize, classes } = shape;
  const { features } = shape.input;
  const rng = createRng(1);
  const random = (n: number, scale: number) =>
    Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * scale);
  const engine = new FusedEngine(
    device,
    {
      features,
      classes,
      xTrain: random(batchSize * features, 1),
      yTrain: Int32Array.from({ length: batchSize }, () => rng.int(classes)),
      xTest: new Float32Array(features),
      yTest: [0],
      labelMask: new Float32Array(batchSize).fill(1),
    },
    batchSize,
  );
  try {
    for (const [name, hidden] of [
      ['teacher', teacher],
      ['student', student],
    ] as const) {
      const { parameters } = denseLayout(features, hidden, classes, 1);
      await engine.addModel(name, hidden, random(parameters, 0.05));
    }
    const rows = Int32Array.from({ length: batchSize }, (_, i) => i);
    const hyper = { rows, temperature: 1, alpha: 0, learningRate: 1e-3, masked: false };
    const step = () => {
      engine.step('teacher', { ...hyper, dropoutSeed: 1 });
      engine.step('student', { ...hyper, dropoutSeed: 1 });
    };
    return await timeProbe(step, () => engine.takeMetrics('student'), batchSize, opts);
  } finally {
    engine.destroy();
  }
}

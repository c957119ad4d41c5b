/**
 * Golden logits through the fused loss kernel alone: a network with no hidden layer and an
 * identity kernel, so its logits are its input rows. The loss the kernel summed and the gradient
 * it wrote for every row.
 */
import { type FusedData, FusedEngine, type FusedStep } from '../core/engine/fused/fused-engine';

export interface LogitsCase {
  studentLogits: number[][];
  teacherLogits?: number[][];
  labels: number[];
  /** Absent: every row's label may be used. */
  labelMask?: number[];
}

export async function lossKernelStep(
  device: GPUDevice,
  c: LogitsCase,
  step: Omit<FusedStep, 'rows' | 'learningRate' | 'dropoutSeed' | 'masked'>,
): Promise<{ loss: number; grad: Float32Array }> {
  const n = c.labels.length;
  const classes = c.studentLogits[0]?.length ?? 0;
  const identity = new Float32Array(classes * classes + classes);
  for (let k = 0; k < classes; k++) identity[k * classes + k] = 1;
  const data: FusedData = {
    features: classes,
    classes,
    xTrain: Float32Array.from(c.studentLogits.flat()),
    yTrain: c.labels,
    xTest: new Float32Array(classes),
    yTest: [0],
    labelMask: c.labelMask ? Float32Array.from(c.labelMask) : new Float32Array(n).fill(1),
  };
  const engine = new FusedEngine(device, data, n);
  try {
    await engine.addModel('g', [], identity);
    const teacher = c.teacherLogits?.flat() ?? new Array<number>(n * classes).fill(0);
    engine.setTeacher(Float32Array.from(teacher));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    engine.step('g', { rows, ...step, learningRate: 0, dropoutSeed: 0, masked: true });
    const model = engine.model('g').group;
    const dAt = model.layout.dAt[1] as number;
    const acts = new Float32Array(await engine.read(model.acts, model.layout.activationFloats * 4));
    const { loss } = await engine.takeMetrics('g');
    return { loss, grad: acts.slice(dAt, dAt + n * classes) };
  } finally {
    engine.destroy();
  }
}

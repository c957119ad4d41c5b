/**
 * Golden cases through the fused kernels. Logits through the loss kernel alone: a network with no hidden layer and an
 * identity kernel, so its logits are its input rows. The loss the kernel summed and the gradient
 * it wrote for every row.
 */
import { CpuEngine } from '../core/engine/cpu/cpu-engine';
import { type FusedData, FusedEngine, type FusedStep } from '../core/engine/fused/fused-engine';
import type { StepEngine } from '../core/engine/fused/step-engine';
import { concatFloats } from '../core/engine/fused/tfjs-bridge';
import { dense } from '../core/layers';

export interface LogitsCase {
  studentLogits: number[][];
  teacherLogits?: number[][];
  labels: number[];
  /** Absent: every row's label may be used. */
  labelMask?: number[];
}

/** The engine the cases run through: the fused WGSL kernels on a device, or the CPU engine's. */
export type KernelsOn = GPUDevice | 'cpu';

function engineOn(on: KernelsOn, data: FusedData, batch: number): StepEngine {
  return on === 'cpu' ? new CpuEngine(data, batch) : new FusedEngine(on, data, batch);
}

export async function lossKernelStep(
  on: KernelsOn,
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
  const engine = engineOn(on, data, n);
  try {
    await engine.addModel('g', [], identity);
    const teacher = c.teacherLogits?.flat() ?? new Array<number>(n * classes).fill(0);
    engine.setTeacher(Float32Array.from(teacher));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    engine.step('g', { rows, ...step, learningRate: 0, dropoutSeed: 0, masked: true });
    const { layout, acts } = await engine.snapshot('g');
    const dAt = layout.dAt[1] as number;
    const { loss } = await engine.takeMetrics('g');
    return { loss, grad: acts.slice(dAt, dAt + n * classes) };
  } finally {
    engine.destroy();
  }
}

export interface HintCase {
  params: { gamma: number };
  studentHidden: number[][];
  teacherHidden: number[][];
  regressorWeight: number[][];
  regressorBias: number[];
}

/**
 * A golden hint case through the fused hint kernels: a network whose one hidden layer (ReLU, an
 * identity kernel) passes its input rows through as h_s (the cases' h_s are ≥ 0), with the
 * case's regressor after it, α = 0 and no label to use, so the loss is the hint term alone. The
 * loss the kernels summed, the regressor's gradients and G (the gradient with respect to h_s).
 */
export async function hintKernelStep(
  on: KernelsOn,
  c: HintCase,
): Promise<{
  loss: number;
  gradHidden: Float32Array;
  gradWeight: Float32Array;
  gradBias: Float32Array;
}> {
  const n = c.studentHidden.length;
  const ds = c.studentHidden[0]?.length ?? 0;
  const dt = c.regressorBias.length;
  const classes = 2;
  const network = new Float32Array(ds * ds + ds + ds * classes + classes);
  for (let k = 0; k < ds; k++) network[k * ds + k] = 1;
  const initial = concatFloats([
    network,
    Float32Array.from(c.regressorWeight.flat()),
    Float32Array.from(c.regressorBias),
  ]);
  const data: FusedData = {
    features: ds,
    classes,
    xTrain: Float32Array.from(c.studentHidden.flat()),
    yTrain: new Array<number>(n).fill(0),
    xTest: new Float32Array(ds),
    yTest: [0],
    labelMask: new Float32Array(n),
  };
  const engine = engineOn(on, data, n);
  try {
    await engine.addGroup(['h'], [dense(ds, 'relu')], [initial], dt);
    engine.setTeacher(new Float32Array(n * classes));
    engine.setTeacherHidden(Float32Array.from(c.teacherHidden.flat()));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const { gamma } = c.params;
    const settings = { temperature: 1, alpha: 0, learningRate: 0, dropoutSeed: 0 };
    engine.step('h', { rows, ...settings, masked: true, method: { kind: 'hint', gamma } });
    const { layout, acts: actValues, grads: gradValues } = await engine.snapshot('h');
    const hint = layout.hint;
    if (!hint) throw new Error('No hint layout.');
    const { loss } = await engine.takeMetrics('h');
    return {
      loss,
      gradHidden: actValues.slice(hint.gAt, hint.gAt + n * ds),
      gradWeight: gradValues.slice(hint.weightAt, hint.biasAt),
      gradBias: gradValues.slice(hint.biasAt, hint.biasAt + dt),
    };
  } finally {
    engine.destroy();
  }
}

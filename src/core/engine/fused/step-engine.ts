/**
 * What FusedSteps (fused-steps.ts) trains on: the fused WGSL engine (fused-engine.ts) or the fused
 * CPU engine (../cpu/cpu-engine.ts). Both run the same step plan on their own memory, name their
 * models, group same-shape students, and keep metric sums where the steps run.
 */
import type { Layer } from '../../layers';
import type { OutputKind } from './engine-parts';
import type { FusedStep } from './fused-inputs';
import type { NetworkLayout } from './layout';

export interface StepEngine {
  /** The CPU threads its kernels run on (the fused CPU engine). */
  readonly threads?: number;
  addModel(name: string, hidden: readonly Layer[], initial: Float32Array): Promise<void>;
  addGroup(
    names: readonly string[],
    hidden: readonly Layer[],
    initial: readonly Float32Array[],
    hintWidth?: number,
  ): Promise<void>;
  /** The frozen teacher's last hidden layer on every training row, for the hint students. */
  setTeacherHidden(values: Float32Array): void;
  step(name: string, step: FusedStep): void;
  /** One step of every model of a group, `steps[i]` for its i-th model. */
  stepMembers(names: readonly string[], steps: readonly FusedStep[]): void;
  /** Resolves once there is room for another step. */
  ready(): Promise<void>;
  takeMetrics(name: string): Promise<{ loss: number; correct: number }>;
  evaluate(name: string, withTeacher: boolean): Promise<{ correct: number; agree?: number }>;
  outputs(name: string, split: 'rows' | 'test', what: OutputKind): Promise<Float32Array>;
  /** The finished teacher's logits of every training row and its top-1 class of every test row. */
  setTeacher(logits: Float32Array, testPredictions?: Int32Array): void;
  readParams(name: string): Promise<Float32Array>;
  /** A model's layout, activations and gradients as its last step left them (the checks read them). */
  snapshot(
    name: string,
  ): Promise<{ layout: NetworkLayout; acts: Float32Array; grads: Float32Array }>;
  destroy(): void;
}

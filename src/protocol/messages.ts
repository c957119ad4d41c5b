/** The only contract between the page and the training worker. */
import type { ExperimentConfig } from '../core/config';
import type { DatasetInfo } from '../core/data/dataset';

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendReport {
  name: BackendName;
  /** The WebGPU adapter's vendor / architecture / description, when WebGPU is active. */
  adapter?: string;
  /** Why a backend earlier in the preference order was not used; absent when none was skipped. */
  fallbackReason?: string;
}

export type ModelRole = 'teacher' | 'distilled' | 'scratch';
export const MODEL_ROLES: readonly ModelRole[] = ['teacher', 'distilled', 'scratch'];

export type Phase = 'loading' | 'teacher' | 'soft-targets' | 'students' | 'done' | 'stopped';

/** Mean training loss and batch accuracy over the steps since the previous point. */
export interface LivePoint {
  model: ModelRole;
  /** Fractional epoch of that model's own run at the last step included. */
  epoch: number;
  loss: number;
  accuracy: number;
}

export interface EpochResult {
  model: ModelRole;
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
  /** Top-1 agreement with the teacher on the test set (students only). */
  agreement?: number;
}

/** A temperature / alpha change, applied from the student step at `epoch` on. */
export interface HyperMark {
  epoch: number;
  temperature: number;
  alpha: number;
}

export interface LiveHyper {
  temperature: number;
  alpha: number;
  learningRate: number;
}

export interface ModelSummary {
  parameters: number;
  accuracy: number;
  agreement?: number;
}

export type ToWorker =
  | { type: 'init'; backend?: BackendName }
  | { type: 'start'; runId: number; config: ExperimentConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'set-hyper'; hyper: Partial<LiveHyper> };

export type FromWorker =
  | { type: 'backend'; backend: BackendReport }
  | { type: 'dataset'; runId: number; info: DatasetInfo }
  | { type: 'phase'; runId: number; phase: Phase }
  | { type: 'progress'; runId: number; step: number; totalSteps: number; points: LivePoint[] }
  | { type: 'epoch'; runId: number; result: EpochResult }
  | { type: 'hyper'; runId: number; mark: HyperMark }
  | { type: 'paused'; runId: number; paused: boolean }
  | { type: 'summary'; runId: number; models: Partial<Record<ModelRole, ModelSummary>> }
  | { type: 'error'; runId?: number; message: string }
  | { type: 'device-lost'; message: string };

export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}

import type { LatencyPair } from '../core/stats';
/** What the worker hands the page once a run has ended, for the views that study its models. */
import type { GridBounds } from '../core/analysis/grid';
import type { WeightFormat } from '../core/quant/quantize';
import type { ModelId } from '../core/roles';
import type { CsvSpec, DatasetName } from '../core/config';
import type { TransferMode } from '../core/transfer';

/** One model serialized at one weight format, and its measured test metrics. */
export interface QuantizedVariant {
  format: WeightFormat;
  /** An imported teacher's own files, whatever their format: not quantized here. */
  asImported?: boolean;
  /** Bytes of the serialized weights file. */
  bytes: number;
  /** Bytes of `model.json` (topology and weights manifest). */
  manifestBytes: number;
  accuracy: number;
  /** Top-1 agreement with the fp32 teacher. */
  agreement?: number;
}

export interface RunAnalysis {
  classes: number;
  features: number;
  /** True classes of the test rows. */
  testLabels: Int32Array;
  /** Test rows, row-major [rows × features], as the models saw them. */
  testFeatures: Float32Array;
  /** Test logits of each trained model, row-major [rows × classes]. */
  logits: Partial<Record<ModelId, Float32Array>>;
  variants: Partial<Record<ModelId, QuantizedVariant[]>>;
}

interface SweepBase {
  sweepId: number;
  runId: number;
  /** Training epochs of each cell's student. */
  epochs: number;
}

/** A T × α grid: one KD student per cell and one scratch student. */
export interface GridSweepRequest extends SweepBase {
  axis: 'grid';
  temperatures: number[];
  alphas: number[];
}

/** How small the student can go: a KD and a scratch student of each network (dense widths). */
export interface CapacitySweepRequest extends SweepBase {
  axis: 'capacity';
  sizes: number[][];
}

/**
 * Transfer to a new task: every trained model of the run (new output layer) and a fresh twin of
 * it, trained together on the target's labels. One of the sweeps: students trained together on
 * the ended run, queued, cancelled and reported as they are.
 */
export interface TransferSweepRequest extends SweepBase {
  axis: 'transfer';
  target: DatasetName;
  /** The target CSV (its own upload) when `target` is 'csv'. */
  csv?: CsvSpec;
  /** Labelled target rows; null: all. */
  labels: number | null;
  mode: TransferMode;
}

export type SweepRequest = GridSweepRequest | CapacitySweepRequest | TransferSweepRequest;

/** A sweep as its form asks for it: what to sweep, over which values, for how long. */
export type SweepAsk =
  | Omit<GridSweepRequest, 'sweepId' | 'runId'>
  | Omit<CapacitySweepRequest, 'sweepId' | 'runId'>
  | Omit<TransferSweepRequest, 'sweepId' | 'runId'>;

/** A sweep on a run, before the store numbers it. */
export type UnnumberedSweep = SweepAsk & { runId: number };

export type { SweepCell, SweepPoint, SweepSize } from '../core/sweep-results';

/** What Export writes: a TensorFlow.js LayersModel at a weight format, or an ONNX file. */
export type ExportFormat = WeightFormat | 'onnx';

export type ExportedFiles = LayersModelFiles | OnnxFile;

/** One `.onnx` file (opset 17, float32): input [batch, features], output probabilities. */
export interface OnnxFile {
  runId: number;
  role: ModelId;
  format: 'onnx';
  name: string;
  bytes: ArrayBuffer;
}

/** A model exported to ONNX and run by ONNX Runtime: its test accuracy and latency there. */
export interface OnnxRun {
  accuracy: number;
  latency: LatencyPair;
}

/** The exported files; `modelJson` is the text of `model.json`. */
export interface LayersModelFiles {
  runId: number;
  role: ModelId;
  format: WeightFormat;
  modelJson: string;
  /** File names, tfjs `downloads://` style: `<stem>.json` names `<stem>.weights.bin` inside. */
  modelJsonName: string;
  weightsName: string;
  weights: ArrayBuffer;
}

/** The plane of a 2-D dataset's decision-boundary maps, sent once per run. */
export interface BoundarySetup {
  bounds: GridBounds;
  /** Cells per side; a map holds resolution² × classes probabilities, row-major from the top. */
  resolution: number;
  classes: number;
  /** A sample of the training points, [x, y] pairs, and their classes. */
  points: Float32Array;
  labels: Int32Array;
}

/**
 * Which ONNX Runtime execution provider measures the models: 'auto' takes WebGPU on a hardware
 * adapter and WebAssembly otherwise (a software adapter is slower than WebAssembly).
 */
export type OnnxProvider = 'auto' | 'webgpu' | 'wasm';

/**
 * Parts of the fused engine (fused-engine.ts) that need none of its state: building a group of
 * models under the device's error scopes, encoding an evaluation of the test rows, and a model's
 * outputs (logits or last hidden layer) on every row.
 */
import type { Layer } from '../../layers';
import { MODE_AGREE, SLOTS } from './engine-constants';
import { FusedModel, type Source, type SourceName } from './fused-model';
import { forgetKernels } from './kernel';
import type { LayoutInput } from './layout';
import type { VariantChoice } from './matmul-shapes';
import { type StepRecord, type StepRecords, methodFields } from './step-records';
import { STEP_STRIDE } from './wgsl-common';

/** Networks of one shape trained in the same dispatches, and what they are built from. */
export interface GroupSpec {
  label: string;
  input: LayoutInput;
  hidden: readonly Layer[];
  classes: number;
  /** Rows the activations hold (a batch, or an evaluation chunk). */
  rows: number;
  initial: readonly Float32Array[];
  epsilon: number;
  batchSize: number;
  choose: VariantChoice | undefined;
  tamper: ((code: string) => string) | undefined;
  hintWidth: number | undefined;
}

/**
 * The group's kernels and buffers; rejects with the device's words when a kernel does not compile
 * or a buffer cannot be made (and forgets the device's kernels, which may be the cause).
 */
export async function buildGroup(device: GPUDevice, spec: GroupSpec): Promise<FusedModel> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  const group = new FusedModel(
    device,
    spec.label,
    spec.input,
    spec.hidden,
    spec.classes,
    spec.rows,
    spec.initial,
    spec.epsilon,
    spec.batchSize,
    spec.choose,
    spec.tamper,
    spec.hintWidth,
  );
  const invalid = await device.popErrorScope();
  const memory = await device.popErrorScope();
  const error = invalid ?? memory;
  if (error) {
    group.destroy();
    forgetKernels(device);
    throw new Error(`${spec.label}: ${error.message.split('\n')[0] ?? error.message}`);
  }
  return group;
}

/**
 * The record of a forward pass (no training, no dropout) of model `index` of a group over `rows`
 * rows from `start` of its source. One model of the group: its record names it, and the dispatches
 * cover it alone.
 */
function forwardRecord(index: number, rows: number, start: number, mode: number): StepRecord {
  const settings = { temperature: 1, alpha: 0, learningRate: 0, corr1: 1, corr2: 1 };
  const record = { rows, idxOffset: start, seed: 0, mode, predOffset: start };
  return { ...record, ...settings, model: index, ...methodFields(undefined) };
}

/**
 * Records and submits the evaluation of one model of a group on `rows` test rows: chunks of as
 * many rows as the model's activations hold, through the forward kernels, counted on the GPU
 * (right, and with `agree` matching the teacher) and copied to `staging` — one submit.
 */
export function encodeEvaluation(
  device: GPUDevice,
  records: StepRecords,
  { model, index, source }: { model: FusedModel; index: number; source: Source },
  { rows: n, agree, staging }: { rows: number; agree: boolean; staging: GPUBuffer },
): void {
  const chunk = model.layout.rows;
  const chunks = Math.ceil(n / chunk);
  if (chunks > SLOTS) throw new Error(`More than ${SLOTS * chunk} test rows to evaluate.`);
  const rowsOf = (c: number) => Math.min(chunk, n - c * chunk);
  for (let c = 0; c < chunks; c++) {
    const start = c * chunk;
    const mode = agree ? MODE_AGREE : 0;
    records.write(c, forwardRecord(index, rowsOf(c), start, mode));
  }
  records.upload(chunks);
  const encoder = device.createCommandEncoder({ label: 'fused evaluation' });
  encoder.clearBuffer(model.counts, index * 8, 8);
  // One pass: each dispatch sees the one before it, so a chunk may reuse the activations.
  const pass = encoder.beginComputePass({ label: 'fused evaluation' });
  for (let c = 0; c < chunks; c++) {
    model.encodeForward(pass, 'test', source, c * STEP_STRIDE, rowsOf(c));
    model.encodeCount(pass, source, c * STEP_STRIDE, rowsOf(c));
  }
  pass.end();
  encoder.copyBufferToBuffer(model.counts, index * 8, staging, 0, 8);
  device.queue.submit([encoder.finish()]);
}

/** Which of a model's activations `encodeOutputs` copies out: its logits, or its last hidden layer. */
export type OutputKind = 'logits' | 'hidden';

/** The layer `what` names in a model's widths (its output layer, or the one before) and its width. */
function outputLayer(
  widths: readonly number[],
  what: OutputKind,
): { layer: number; width: number } {
  const layer = what === 'logits' ? widths.length - 1 : widths.length - 2;
  return { layer, width: widths[layer] ?? 0 };
}

/**
 * Records and submits the forward pass of one model of a group over `rows` rows of `source` (its
 * rows in order: the test rows, or every training row), copying each chunk's logits (Z of the
 * output layer) or last hidden layer (H, no dropout) into `out`, row after row: one submit for up
 * to SLOTS chunks, so a caller submits again from `from` onwards until every row is done. Returns
 * the rows done.
 */
function encodeOutputs(
  device: GPUDevice,
  records: StepRecords,
  {
    model,
    index,
    name,
    source,
  }: { model: FusedModel; index: number; name: SourceName; source: Source },
  { rows: n, from, what, out }: { rows: number; from: number; what: OutputKind; out: GPUBuffer },
): number {
  const { layout } = model;
  const chunk = layout.rows;
  const { layer, width } = outputLayer(layout.widths, what);
  // The model's own activations: each model of a group has its own (aOff in the kernels).
  const own = what === 'logits' ? (layout.zAt[layer] ?? 0) : (layout.hAt[layer] ?? 0);
  const at = index * layout.activationFloats + own;
  const chunks = Math.min(SLOTS, Math.ceil((n - from) / chunk));
  const rowsOf = (c: number) => Math.min(chunk, n - from - c * chunk);
  for (let c = 0; c < chunks; c++) {
    const start = from + c * chunk;
    records.write(c, forwardRecord(index, rowsOf(c), start, 0));
  }
  records.upload(chunks);
  const encoder = device.createCommandEncoder({ label: `fused ${what}` });
  for (let c = 0; c < chunks; c++) {
    // A pass per chunk: its activations are copied out before the next chunk overwrites them.
    const pass = encoder.beginComputePass({ label: `fused ${what}` });
    model.encodeForward(pass, name, source, c * STEP_STRIDE, rowsOf(c));
    pass.end();
    const bytes = rowsOf(c) * width * 4;
    encoder.copyBufferToBuffer(model.acts, at * 4, out, (from + c * chunk) * width * 4, bytes);
  }
  device.queue.submit([encoder.finish()]);
  return Math.min(n, from + chunks * chunk);
}

/** `encodeOutputs` over every row into one buffer, read back once. */
export async function modelOutputs(
  device: GPUDevice,
  records: StepRecords,
  target: { model: FusedModel; index: number; name: SourceName; source: Source },
  { rows, what, read }: { rows: number; what: OutputKind; read: Reader },
): Promise<Float32Array> {
  const { width } = outputLayer(target.model.layout.widths, what);
  const bytes = Math.max(4, rows * width * 4);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const out = device.createBuffer({ label: `${target.model.name} ${what}`, size: bytes, usage });
  try {
    for (let from = 0; from < rows;) {
      from = encodeOutputs(device, records, target, { rows, from, what, out });
    }
    return new Float32Array(await read(out, bytes));
  } finally {
    out.destroy();
  }
}

/** Reads `bytes` of a buffer back once everything submitted before has run. */
type Reader = (buffer: GPUBuffer, bytes: number) => Promise<ArrayBuffer>;

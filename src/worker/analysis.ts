import type { Experiment } from '../core/engine/experiment';
import { exportNetwork, importWeights } from '../core/engine/export';
import { disposeNetwork } from '../core/engine/network';
import { WEIGHT_FORMATS, type WeightFormat } from '../core/quant/quantize';
import type {
  ExportFormat,
  ExportedFiles,
  QuantizedVariant,
  RunAnalysis,
} from '../protocol/analysis';
import { onnxModel } from '../core/onnx/onnx-model';
import type { ModelId } from '../protocol/messages';

/**
 * Test logits of every trained model, and each model exported at every weight format with the
 * accuracy of what that file decodes to. Returns the buffers to transfer with the message.
 */
export async function analyzeRun(
  exp: Experiment,
  roles: readonly ModelId[],
): Promise<{ analysis: RunAnalysis; transfer: ArrayBuffer[] }> {
  const { classes, features, xTest, yTest } = exp.dataset;
  // Copies: the dataset may be cached for the next run, and these buffers leave with the message.
  const analysis: RunAnalysis = {
    classes,
    features,
    testLabels: Int32Array.from(yTest),
    testFeatures: Float32Array.from(xTest),
    logits: {},
    variants: {},
  };
  for (const role of roles) {
    analysis.logits[role] = await exp.test.logits(exp.predictor(role));
    if (role === 'teacher' && exp.ready) {
      analysis.variants.teacher = [await importedVariant(exp)];
      continue;
    }
    const model = exp.network(role);
    const variants: QuantizedVariant[] = [];
    for (const format of WEIGHT_FORMATS) {
      const exported = await exportNetwork(model, format, weightsName(role, format));
      const decoded = importWeights(exported, model, `${role}-${format}`);
      try {
        variants.push({
          format,
          bytes: exported.weights.byteLength,
          manifestBytes: new TextEncoder().encode(JSON.stringify(exported.modelJson)).byteLength,
          ...(await exp.evaluate(decoded)),
        });
      } finally {
        disposeNetwork(decoded);
      }
    }
    analysis.variants[role] = variants;
  }
  const transfer = [
    analysis.testLabels.buffer,
    analysis.testFeatures.buffer,
    ...Object.values(analysis.logits).map((l) => l?.buffer),
  ] as ArrayBuffer[];
  return { analysis, transfer };
}

/** An imported teacher as its own files are: their size, and its accuracy from them. */
async function importedVariant(exp: Experiment): Promise<QuantizedVariant> {
  const ready = exp.ready;
  if (!ready) throw new Error('The teacher was trained here.');
  const { modelTopology, weightSpecs } = ready.artifacts;
  return {
    format: 'fp32',
    asImported: true,
    bytes: ready.info.bytes,
    manifestBytes: new TextEncoder().encode(JSON.stringify({ modelTopology, weightSpecs }))
      .byteLength,
    ...(await exp.evaluate(ready)),
  };
}

/** Throws for the imported teacher: it is not a network of the playground's to write out. */
function ownNetwork(exp: Experiment, role: ModelId) {
  if (role === 'teacher' && exp.ready) {
    throw new Error(
      `The teacher is ${exp.ready.info.name}, imported: the playground writes only the networks it trained. Its own files are the teacher.`,
    );
  }
  return exp.network(role);
}

function fileStem(role: ModelId, format: WeightFormat): string {
  return `distill-${role}-${format}`;
}

function weightsName(role: ModelId, format: WeightFormat): string {
  return `${fileStem(role, format)}.weights.bin`;
}

/** `exp`'s model `role` as an .onnx file's bytes. */
export async function onnxBytes(exp: Experiment, role: ModelId): Promise<Uint8Array> {
  const model = ownNetwork(exp, role);
  const weights: Float32Array[] = [];
  for (const { kernel, bias } of model.weights) {
    weights.push((await kernel.data()) as Float32Array, (await bias.data()) as Float32Array);
  }
  const { input, hidden, classes } = model;
  return onnxModel({ input, hidden, classes, weights, name: `distill ${role}` });
}

/** The two files of a download, in tfjs's `downloads://` naming: `<stem>.json` + weights. */
export async function exportFiles(
  exp: Experiment,
  runId: number,
  role: ModelId,
  format: ExportFormat,
): Promise<ExportedFiles> {
  if (format === 'onnx') {
    const bytes = await onnxBytes(exp, role);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { runId, role, format, name: `distill-${role}.onnx`, bytes: buffer as ArrayBuffer };
  }
  const name = weightsName(role, format);
  const stem = fileStem(role, format);
  const exported = await exportNetwork(ownNetwork(exp, role), format, name);
  return {
    runId,
    role,
    format,
    modelJson: JSON.stringify(exported.modelJson),
    modelJsonName: `${stem}.json`,
    weightsName: name,
    weights: exported.weights,
  };
}

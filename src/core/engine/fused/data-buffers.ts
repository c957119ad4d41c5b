/**
 * A run's data on the GPU for the fused engine: training and test rows, labels, the label mask,
 * the test rows' order, room for the teacher's soft targets and test predictions and for a
 * submission's batch indices — each checked against the device's limits before any is made.
 */
import type { FusedData } from './fused-inputs';
import { limitProblem } from './limits';

export interface DataBuffers {
  xTrain: GPUBuffer;
  yTrain: GPUBuffer;
  xTest: GPUBuffer;
  yTest: GPUBuffer;
  labelMask: GPUBuffer;
  /** The test rows in order: evaluation reads them through the same index as a batch. */
  iota: GPUBuffer;
  soft: GPUBuffer;
  teacherPreds: GPUBuffer;
  batchIdx: GPUBuffer;
}

/** Read at use: WebGPU's globals exist only once a device is at hand (Node tests set them). */
export const storage = (): number => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;

/** The buffers of `data`, with batch indices for `indexSlots` rows; throws over the limits. */
export function dataBuffers(device: GPUDevice, data: FusedData, indexSlots: number): DataBuffers {
  const { xTrain, yTrain, xTest, yTest, labelMask, classes } = data;
  const problem = limitProblem(device.limits, [
    { what: 'the training rows', bytes: xTrain.byteLength },
    { what: 'the test rows', bytes: xTest.byteLength },
    { what: 'the soft targets', bytes: yTrain.length * classes * 4 },
    { what: "a submission's batch indices", bytes: indexSlots * 4 },
  ]);
  if (problem) throw new Error(problem);
  const empty = (label: string, bytes: number, usage = storage()) =>
    device.createBuffer({ label, size: Math.max(4, bytes), usage });
  const upload = (label: string, array: Float32Array | Uint32Array) => {
    const b = empty(label, array.byteLength);
    device.queue.writeBuffer(b, 0, array);
    return b;
  };
  return {
    xTrain: upload('x train', xTrain),
    yTrain: upload('y train', Uint32Array.from(yTrain)),
    xTest: upload('x test', xTest),
    yTest: upload('y test', Uint32Array.from(yTest)),
    labelMask: upload('label mask', labelMask),
    // Row indices in order, for the test rows and for every training row (the teacher's outputs).
    iota: upload(
      'iota',
      Uint32Array.from({ length: Math.max(yTest.length, yTrain.length) }, (_, i) => i),
    ),
    soft: empty('soft targets', yTrain.length * classes * 4, storage() | GPUBufferUsage.COPY_SRC),
    teacherPreds: empty('teacher predictions', yTest.length * 4),
    batchIdx: empty('batch indices', indexSlots * 4),
  };
}

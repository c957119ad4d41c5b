/**
 * The page's requests that the worker answers with exactly one message: which answer each gets,
 * and their types as the page's client (worker-client/) writes and reads them.
 */
import type { FromWorker, ToWorker } from './messages';

/** Commands the worker answers with exactly one message carrying the same `requestId`. */
export const ANSWERS = {
  'import-teacher': 'teacher-import',
  'load-csv': 'csv-columns',
  'csv-label': 'csv-spec',
  'export-pytorch': 'pytorch-exported',
  predict: 'prediction',
  export: 'exported',
  'measure-onnx': 'onnx-measured',
} as const satisfies Partial<Record<ToWorker['type'], FromWorker['type']>>;

export type RequestKind = keyof typeof ANSWERS;
/** A request as the page writes it: the client adds the request id. Distributes over kinds. */
export type RequestMessage<K extends RequestKind = RequestKind> = K extends RequestKind
  ? Omit<Extract<ToWorker, { type: K }>, 'requestId'>
  : never;
export type AnswerTo<K extends RequestKind> = Extract<FromWorker, { type: (typeof ANSWERS)[K] }>;

/** An imported teacher as the page knows it (the worker holds the model). */
export interface TeacherInfo {
  name: string;
  /** 'layers' for a LayersModel (class name in `className`), 'graph' for a GraphModel. */
  kind: 'layers' | 'graph';
  className: string;
  /** Layers of a LayersModel, operations of a GraphModel. */
  layers: number;
  parameters: number;
  /** Bytes of its weight files. */
  bytes: number;
  /** The input shape without the batch dimension, as the model declares it. */
  inputShape: number[];
  /** The model outputs probabilities (rows sum to 1); its logits are their logarithms. */
  softmax: boolean;
  /** The dataset it was checked against. */
  features: number;
  classes: number;
}

import * as tf from '@tensorflow/tfjs';
import { distillationLoss, hardTerm } from '../distill';
import { drainAfter } from '../speed-probe';
import type { DenseLayer } from '../../layers';
import { denseForward } from '../network';

export interface RawLoopSpec {
  inputDim: number;
  /** Dense layers only: the reference loop has no conv blocks. */
  hidden: readonly DenseLayer[];
  classes: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** The training rows this model learns from, as the engine's batch plan has them. */
  pool: Int32Array;
}

/** Present for a distillation step: cached teacher logits of every training row, and T / alpha. */
export interface RawDistill {
  teacherLogits: tf.Tensor2D;
  temperature: number;
  alpha: number;
  /** 1 for rows that keep their label (transfer-set rows have 0), as the engine passes it. */
  labelMask?: tf.Tensor1D;
}

/**
 * The reference the benchmark divides by: the same network, batch, loss and Adam optimizer written
 * as the shortest plain tfjs loop — no batch plan, no metrics, no accumulators, no reads, no
 * yields. It shares the fused matMul kernels and the loss functions with the engine, so ours / raw
 * measures the pipeline around the math, not a difference in the math.
 */
export class RawLoop {
  private readonly weights: { w: tf.Variable; b: tf.Variable }[];
  private readonly optimizer: tf.AdamOptimizer;
  private readonly order: Int32Array;

  constructor(
    private readonly spec: RawLoopSpec,
    private readonly x: tf.Tensor2D,
    private readonly labels: tf.Tensor1D,
    private readonly distill?: RawDistill,
  ) {
    const widths = [spec.inputDim, ...spec.hidden.map((l) => l.units), spec.classes];
    // Inside tidy the initial tensors go once the variables hold their data.
    this.weights = tf.tidy(() =>
      widths.slice(1).map((units, i) => ({
        w: tf.variable(
          tf.randomUniform([widths[i] as number, units], -0.05, 0.05, 'float32', spec.seed + i),
        ),
        b: tf.variable(tf.zeros([units])),
      })),
    );
    this.optimizer = tf.train.adam(spec.learningRate);
    // A fixed stride through the pool stands in for a shuffle: the rows touched are the same.
    const { pool } = spec;
    this.order = Int32Array.from(pool, (_, i) => pool[(i * 7919) % pool.length] as number);
  }

  /** One Adam step; returns its number of rows. */
  step(i: number): number {
    const { batchSize, hidden } = this.spec;
    // Epochs over the pool with a short last batch, as the engine's batch plan has them.
    const rows = this.order.length;
    const start = (i % Math.ceil(rows / batchSize)) * batchSize;
    const indices = this.order.subarray(start, Math.min(rows, start + batchSize));
    tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      const xb = tf.gather(this.x, idx);
      const yb = tf.gather(this.labels, idx);
      const teacher = this.distill ? tf.gather(this.distill.teacherLogits, idx) : null;
      const mask = this.distill?.labelMask ? tf.gather(this.distill.labelMask, idx) : undefined;
      this.optimizer.minimize(
        () => {
          let h: tf.Tensor2D = xb;
          const last = this.weights.length - 1;
          this.weights.forEach(({ w, b }, l) => {
            const layer = hidden[l];
            if (l === last || !layer) {
              h = tf.fused.matMul({ a: h, b: w, bias: b }) as tf.Tensor2D;
              return;
            }
            h = denseForward(h, w as tf.Tensor2D, b, layer.activation);
            if (layer.dropout > 0) {
              h = tf.dropout(h, layer.dropout, undefined, i * 31 + l) as tf.Tensor2D;
            }
          });
          if (!teacher || !this.distill) return hardTerm(h, yb);
          const { temperature, alpha } = this.distill;
          return distillationLoss(h, teacher, yb, { temperature, alpha, labelMask: mask });
        },
        false,
        this.variables(),
      );
    });
    return indices.length;
  }

  /** Resolves once every queued step has run on the device. */
  async drain(): Promise<void> {
    await drainAfter(this.variables().at(-1));
  }

  variables(): tf.Variable[] {
    return this.weights.flatMap(({ w, b }) => [w, b]);
  }

  dispose(): void {
    this.optimizer.dispose();
    tf.dispose(this.variables());
  }
}

import { createRng, deriveSeed, permutation } from './rng';

/**
 * The order in which a pool of training rows is visited. Step k of a run takes the k-th batch of an
 * endless sequence of seeded epochs over the pool; every epoch reshuffles with its own seed.
 * Two runs over the same pool with the same seed therefore see identical batches, which is what
 * makes the distilled and scratch students comparable when they share their data.
 */
export class BatchPlan {
  readonly stepsPerEpoch: number;
  private cachedEpoch = -1;
  private cachedOrder: Int32Array = new Int32Array(0);

  constructor(
    /** The rows this plan draws from. */
    readonly rows: Int32Array,
    private readonly batchSize: number,
    private readonly seed: number,
  ) {
    if (rows.length === 0) throw new Error('A batch plan needs at least one row.');
    this.stepsPerEpoch = Math.ceil(rows.length / batchSize);
  }

  /** Row indices (into the full training set) of global step `step`; the last batch may be short. */
  batch(step: number): Int32Array {
    const epoch = Math.floor(step / this.stepsPerEpoch);
    const within = step - epoch * this.stepsPerEpoch;
    const order = this.order(epoch);
    return order.subarray(
      within * this.batchSize,
      Math.min(order.length, (within + 1) * this.batchSize),
    );
  }

  private order(epoch: number): Int32Array {
    if (epoch !== this.cachedEpoch) {
      const perm = permutation(
        this.rows.length,
        createRng(deriveSeed(this.seed, `epoch:${epoch}`)),
      );
      this.cachedOrder = perm.map((i) => this.rows[i] as number);
      this.cachedEpoch = epoch;
    }
    return this.cachedOrder;
  }
}

export function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

import * as tf from '@tensorflow/tfjs';
import { type GridBounds, gridBounds, gridPoints } from '../core/analysis/grid';
import type { Experiment } from '../core/engine/experiment';
import { predictorLogits } from '../core/engine/ready-teacher';
import type { BoundarySetup } from '../protocol/analysis';
import type { FromWorker, ModelId } from '../protocol/messages';

/** Cells per side of each decision-boundary map. */
export const BOUNDARY_RESOLUTION = 64;
/** Maps are refreshed at most this often while training (plus at phase ends). */
export const BOUNDARY_INTERVAL_MS = 400;
/** Training points drawn over the maps at most; more would hide the map. */
const MAX_POINTS = 600;

/**
 * Class probabilities of each model over a grid covering a 2-D dataset, read back without ever
 * blocking the training loop: a new read starts only when the previous one has landed.
 */
export class BoundaryTracker {
  /** A tracker for run `runId`'s experiment, its grid announced to the page. */
  static start(
    exp: Experiment,
    runId: number,
    post: (message: FromWorker, transfer?: Transferable[]) => void,
    now: () => number,
    beforeRead: (roles: readonly ModelId[]) => Promise<void>,
  ): BoundaryTracker {
    const tracker = new BoundaryTracker(
      exp,
      (model, probabilities) => {
        post({ type: 'boundary', runId, model, probabilities }, [
          probabilities.buffer as ArrayBuffer,
        ]);
      },
      now,
      beforeRead,
    );
    post({ type: 'boundary-setup', runId, setup: tracker.setup });
    return tracker;
  }

  readonly setup: BoundarySetup;
  private readonly grid: tf.Tensor2D;
  private inFlight: Promise<void> | null = null;
  private last = -Infinity;

  constructor(
    private readonly exp: Experiment,
    private readonly emit: (role: ModelId, probabilities: Float32Array) => void,
    private readonly now: () => number,
    /** Brings the tfjs models up to date before a read (the fused kernels train elsewhere). */
    private readonly beforeRead: (roles: readonly ModelId[]) => Promise<void> = () =>
      Promise.resolve(),
  ) {
    const { xTrain, yTrain, classes } = exp.dataset;
    const bounds: GridBounds = gridBounds(xTrain);
    const res = BOUNDARY_RESOLUTION;
    this.grid = tf.tensor2d(gridPoints(bounds, res), [res * res, 2]);
    // Every k-th row: the split is already shuffled, so this is a fair sample.
    const step = Math.max(1, Math.ceil(yTrain.length / MAX_POINTS));
    const rows = Array.from({ length: Math.ceil(yTrain.length / step) }, (_, i) => i * step);
    this.setup = {
      bounds,
      resolution: res,
      classes,
      points: Float32Array.from(rows.flatMap((r) => [xTrain[2 * r] ?? 0, xTrain[2 * r + 1] ?? 0])),
      labels: Int32Array.from(rows.map((r) => yTrain[r] ?? 0)),
    };
  }

  /** Starts a read of `roles` if none is pending and the interval has passed; never waits. */
  update(roles: readonly ModelId[], force = false): void {
    if (this.inFlight || (!force && this.now() - this.last < BOUNDARY_INTERVAL_MS)) return;
    this.last = this.now();
    const ready = this.beforeRead(roles);
    let maps: tf.Tensor[] = [];
    this.inFlight = ready
      .then(() => {
        maps = roles.map((role) =>
          tf.tidy(() => tf.softmax(predictorLogits(this.exp.predictor(role), this.grid))),
        );
        return Promise.all(maps.map((m) => m.data()));
      })
      .then((values) => {
        roles.forEach((role, i) => {
          this.emit(role, values[i] as Float32Array);
        });
      })
      // A failed read (a lost device) only loses this map; the run's own reads report the cause.
      .catch(() => undefined)
      .finally(() => {
        tf.dispose(maps);
        this.inFlight = null;
      });
  }

  /** The current maps of `roles`, after any read in flight: for the end of a phase. */
  async settle(roles: readonly ModelId[]): Promise<void> {
    await this.inFlight;
    this.update(roles, true);
    await this.inFlight;
  }

  dispose(): void {
    this.grid.dispose();
  }
}

/**
 * The session's backend: the mode the person asked for, the shape the automatic choice was
 * measured on, the backends lost to a dead GPU device, and the choice in progress.
 */
import { type ModelShape, shapeKey } from '../core/backend-choice';
import type { BackendMode, BackendName, BackendReport, FromWorker } from '../protocol/messages';
import { errorText } from '../core/error-text';

type Select = (
  mode: BackendMode,
  shape: ModelShape,
  exclude: readonly BackendName[],
) => Promise<BackendReport>;

export class BackendKeeper {
  private mode: BackendMode = 'auto';
  #name: BackendName | null = null;
  /** The shape the choice was made for; a run on another shape chooses again. */
  private chosenFor = '';
  private shape: ModelShape | null = null;
  private ready: Promise<void> = Promise.resolve();
  /** Backends not to use again in this page: WebGPU once its device was lost. */
  private readonly lost = new Set<BackendName>();

  constructor(
    private readonly select: Select,
    private readonly post: (message: FromWorker) => void,
  ) {}

  /** The active backend, once one started. */
  get name(): BackendName | null {
    return this.#name;
  }

  /** The page's first word: the mode it asks for and the shape to choose for. */
  init(mode: BackendMode, shape: ModelShape): void {
    this.mode = mode;
    this.shape = shape;
    this.choose();
  }

  /** Chooses a backend for the shape last asked for, after any choice in progress, and reports it. */
  private choose(): void {
    const { shape } = this;
    if (!shape) return;
    this.chosenFor = shapeKey(shape);
    this.ready = this.ready.then(() =>
      this.select(this.mode, shape, [...this.lost])
        .then((backend) => {
          this.#name = backend.name;
          this.post({ type: 'backend', backend });
        })
        .catch((e: unknown) => {
          this.post({ type: 'error', message: `No tfjs backend could start: ${errorText(e)}` });
        }),
    );
  }

  /**
   * Makes sure the choice fits a run on `shape` (automatic choice depends on the networks'
   * sizes); true when it chooses again, which rebuilds the experiment anyway.
   */
  fit(shape: ModelShape): boolean {
    if (shapeKey(shape) === this.chosenFor) return false;
    this.shape = shape;
    this.choose();
    return true;
  }

  /** Resolves once the choice in progress has ended. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** A new mode: chosen again at once when idle, else at the next run. */
  setMode(mode: BackendMode, idle: boolean): void {
    this.mode = mode;
    this.chosenFor = '';
    if (idle) this.choose();
  }

  /** The GPU device is gone: WebGPU is not used again, and the next run chooses afresh. */
  loseWebGpu(): void {
    this.lost.add('webgpu');
    this.chosenFor = '';
  }

  /** Another backend for a run moved after a lost device, chosen now; throws when none is left. */
  async reselect(shape: ModelShape): Promise<BackendReport> {
    const backend = await this.select(this.mode, shape, [...this.lost]);
    this.#name = backend.name;
    this.shape = shape;
    this.chosenFor = shapeKey(shape);
    this.post({ type: 'backend', backend });
    return backend;
  }
}

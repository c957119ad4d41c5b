import type { ExperimentConfig } from '../core/config';
import { modelShape } from '../core/backend-choice';
import { type SavedRun, type SessionCommand, assertNever } from '../protocol/messages';
import type { SweepRequest } from '../protocol/analysis';
import { BackendKeeper } from './backend-keeper';
import { Checkpoints } from './checkpoints';
import { errorText } from '../core/error-text';
import {
  postExport,
  postLatency,
  postOnnx,
  postPrediction,
  postSweep,
  refuseSweep,
} from './ended-run';
import { answerImport } from './import-teacher';
import type { ImportedTeacher } from '../core/engine/read-teacher';
import { removeModels } from './persist';
import { REPORT_INTERVAL_MS } from './progress';
import { Run } from './run';
import { RunFlow } from './run-flow';
import type { SessionDeps } from './run-deps';

export { REPORT_INTERVAL_MS, type SessionDeps };

/** What a request about a run answers once that run's models have left the worker. */
const MODELS_GONE = 'That run’s models are not in the worker any more.';

/**
 * The worker's side of the protocol: takes each command from the page and hands it to the run's
 * one owner (run.ts), the flow that drives it (run-flow.ts) or the ended run's services
 * (ended-run.ts). Knows nothing of Worker globals, so tests drive it with a stubbed `post`.
 */
export class Session {
  private readonly backend: BackendKeeper;
  /** Starts begun and not yet ended (a new start overlaps the one it supersedes). */
  private starts = 0;
  /** The run, sweep or study in progress; the next one queues behind it. */
  private running: Promise<void> = Promise.resolve();
  /** The run: everything it has while it lives, and its ended models after. */
  private readonly run: Run;
  private readonly flow: RunFlow;
  /** Cancel (or a new start): the queued sweep stops at its next cell. */
  private sweepCancelled = false;
  /** The last teacher a person imported; a run may distil from it instead of training one. */
  private imported: ImportedTeacher | null = null;

  /** The last teacher a person imported (a PyTorch export of a run that distilled from it). */
  get importedTeacher(): ImportedTeacher | null {
    return this.imported;
  }

  constructor(private readonly deps: SessionDeps) {
    this.backend = new BackendKeeper(
      (mode, shape, exclude) => deps.selectBackend(mode, shape, exclude),
      (m) => {
        deps.post(m);
      },
    );
    this.run = new Run(deps);
    this.flow = new RunFlow(deps, this.backend, this.run, () => this.imported);
  }

  handle(message: SessionCommand): void {
    const { run } = this;
    switch (message.type) {
      case 'init':
        this.backend.init(message.backend, message.shape);
        return;
      case 'set-backend':
        // While a run trains, the change waits for the next Train.
        this.backend.setMode(message.backend, this.starts === 0);
        return;
      case 'start':
        run.request({
          useImported: message.importedTeacher === true,
          keepTraining: message.keepTraining === true,
        });
        void this.start(message.runId, message.config, undefined, message.key);
        return;
      case 'import-teacher':
        void answerImport(
          message,
          (teacher) => {
            this.imported = teacher;
          },
          this.deps.post,
        );
        return;
      case 'restore':
        void this.start(message.runId, message.config, message.saved);
        return;
      case 'persist': {
        const ended = run.ended(message.runId);
        if (ended) void run.persist(ended, message.key);
        return;
      }
      case 'forget':
        removeModels(message.key).catch((e: unknown) => {
          this.deps.post({
            type: 'error',
            message: `The run was deleted, but its saved models could not be: ${errorText(e)}`,
          });
        });
        return;
      case 'measure-latency': {
        const { runId } = message;
        const ended = run.ended(runId);
        if (ended) this.queue(() => postLatency(ended, this.backend.name, this.deps));
        else this.deps.post({ type: 'error', runId, scope: 'latency', message: MODELS_GONE });
        return;
      }
      case 'predict': {
        const ended = run.ended(message.runId);
        const { requestId, features } = message;
        if (ended) void postPrediction(ended, requestId, features, this.deps.post);
        else this.deps.post({ type: 'error', requestId, message: MODELS_GONE });
        return;
      }
      case 'export': {
        const ended = run.ended(message.runId);
        const { requestId, role, format } = message;
        if (ended) void postExport(ended, requestId, role, format, this.deps.post);
        else this.deps.post({ type: 'error', requestId, message: MODELS_GONE });
        return;
      }
      case 'measure-onnx': {
        const ended = run.ended(message.runId);
        const { requestId } = message;
        if (!ended) {
          this.deps.post({ type: 'error', requestId, message: MODELS_GONE });
          return;
        }
        const { provider } = message;
        this.queue(() => postOnnx(ended, { requestId, provider }, this.deps));
        return;
      }
      case 'sweep':
        this.sweep(message.request);
        return;
      case 'study-seed': {
        const { runId, index } = message;
        if (!run.ended(runId) || !run.hasSeed(index)) {
          const text = `Seed ${index + 1}'s models are not held in this page (they are kept only until the next run, and not for a run opened from Runs).`;
          // The analysis's error, not the run's: the run itself is complete and stays shown.
          this.deps.post({ type: 'error', runId, scope: 'analysis', message: text });
          return;
        }
        this.queue(() => this.studySeed(index));
        return;
      }
      case 'cancel-sweep':
        this.sweepCancelled = true;
        return;
      case 'pause':
      case 'resume':
      case 'stop':
        run.apply({ type: message.type });
        return;
      case 'set-settings':
        // The students take a change at their next step (their first, if they have not begun);
        // a teacher in training takes a new learning rate at its next step (run.ts).
        run.requestSettings(message.settings);
        return;
      case 'keep-training':
        run.setKeepTraining(message.on);
        return;
      default:
        assertNever(message);
    }
  }

  /** Releases the experiment's tensors; for a session that is idle and will not run again. */
  dispose(): void {
    this.run.drop();
  }

  /** Resolves when the current run (if any) has ended; tests await it. */
  whenIdle(): Promise<void> {
    return this.running;
  }

  /**
   * The GPU device is gone: the run stops at its next step (or its next read fails), then
   * continues from its last checkpoint on another backend; WebGPU is not used again.
   */
  deviceLost(): void {
    this.run.apply({ type: 'device-lost' });
    this.backend.loseWebGpu();
  }

  /**
   * A T × α sweep on the ended run's soft targets, queued like a run (a new start waits for it),
   * on the engine the run's own would take now (a GPU fault holds for it too).
   */
  private sweep(request: SweepRequest): void {
    const ended = this.run.ended(request.runId);
    if (!ended) {
      refuseSweep(request.sweepId, this.deps.post);
      return;
    }
    this.sweepCancelled = false;
    this.queue(() =>
      postSweep(ended, request, {
        post: this.deps.post,
        yieldToEventLoop: () => this.deps.yieldToEventLoop(),
        cancelled: () => this.sweepCancelled,
        engine: (exp) => this.run.sweepEngine(exp),
        saysEngine: Boolean(this.deps.gpuDevice?.()),
        loadDataset: (config) => (this.deps.loadTarget ?? this.deps.loadDataset)(config),
      }),
    );
  }

  /** Makes seed `index` of the ended repeated run the one its analysis and exports study. */
  private async studySeed(index: number): Promise<void> {
    const { run } = this;
    try {
      if (!(await run.studySeed(index))) return;
      await run.finish();
      await postLatency(run.ended(run.id), this.backend.name, this.deps);
    } catch (e) {
      this.deps.post({
        type: 'error',
        runId: run.id,
        scope: 'analysis',
        message: `Seed ${index + 1}'s models could not be rebuilt: ${errorText(e)}`,
      });
    }
  }

  /** Runs `work` after whatever is running now, so a new start waits for it. */
  private queue(work: () => Promise<void>): void {
    this.running = this.running.then(work);
  }

  /**
   * Trains a run, checkpointed under `key`; with `saved`, rebuilds an ended run from its saved
   * weights instead, or continues an interrupted one (`saved.resume`).
   */
  private async start(
    runId: number,
    config: ExperimentConfig,
    saved?: SavedRun,
    key?: string,
  ): Promise<void> {
    // A new start supersedes the run (or sweep) in progress: stop it, wait for it, then begin.
    this.run.apply({ type: 'start' });
    this.sweepCancelled = true;
    const previous = this.running;
    let done = (): void => undefined;
    this.running = new Promise<void>((resolve) => (done = resolve));
    this.starts += 1;
    await previous;
    if (this.backend.fit(modelShape(config))) this.run.drop();
    await this.backend.whenReady();
    this.run.apply({ type: 'begin' });
    const resume = saved?.resume ?? null;
    const checkpoints = new Checkpoints(resume ? (saved?.key ?? null) : (key ?? null), resume);
    this.run.begin(runId, config, checkpoints);
    try {
      await (saved && !saved.resume
        ? this.flow.restore(config, saved)
        : this.flow.train(config, saved));
    } catch (e) {
      await this.flow.ended(e, config);
    } finally {
      this.starts -= 1;
      done();
    }
  }
}

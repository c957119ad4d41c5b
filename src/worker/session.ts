import { type SessionCommand, assertNever } from '../protocol/messages';
import { BackendKeeper } from './backend-keeper';
import { errorText } from '../core/error-text';
import { postExport, postLatency, postOnnx, postPrediction, postSweep } from './ended-run';
import { type EndedCommand, askedOf, refuseEnded } from './ended-commands';
import { answerImport } from './import-teacher';
import type { ImportedTeacher } from '../core/engine/read-teacher';
import { removeModels } from './persist';
import { REPORT_INTERVAL_MS } from './progress';
import { Run } from './run';
import type { RunRequest } from './run-requests';
import { RunFlow } from './run-flow';
import type { SessionDeps } from './run-deps';

export { REPORT_INTERVAL_MS, type SessionDeps };

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
      case 'restore':
        void this.start(message);
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
      case 'import-teacher':
        void answerImport(
          message,
          (teacher) => {
            this.imported = teacher;
          },
          this.deps.post,
        );
        return;
      case 'measure-latency':
      case 'predict':
      case 'export':
      case 'measure-onnx':
      case 'study-seed':
      case 'sweep':
        this.serve(message);
        return;
      case 'cancel-sweep':
        this.sweepCancelled = true;
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
   * A command about an ended run, answered by ended-run.ts's services once its run's models are
   * here. Latency, ONNX, sweeps and a seed studied queue like a run (a new start waits for them);
   * a sweep trains on the engine the run's own would take now (a GPU fault holds for it too).
   */
  private serve(command: EndedCommand): void {
    const { runId, seed } = askedOf(command);
    const ended = this.run.ended(runId, seed);
    const { deps } = this;
    if (!ended) {
      refuseEnded(command, deps.post);
      return;
    }
    switch (command.type) {
      case 'measure-latency':
        this.queue(() => postLatency(ended, this.backend.name, deps));
        return;
      case 'predict':
        void postPrediction(ended, command.requestId, command.features, deps.post);
        return;
      case 'export':
        void postExport(ended, command.requestId, command.role, command.format, deps.post);
        return;
      case 'measure-onnx': {
        const { requestId, provider } = command;
        this.queue(() => postOnnx(ended, { requestId, provider }, deps));
        return;
      }
      case 'study-seed':
        this.queue(() => this.studySeed(command.index));
        return;
      case 'sweep':
        this.sweepCancelled = false;
        this.queue(() =>
          postSweep(ended, command.request, {
            post: deps.post,
            yieldToEventLoop: () => deps.yieldToEventLoop(),
            cancelled: () => this.sweepCancelled,
            engine: (exp) => this.run.sweepEngine(exp),
            saysEngine: Boolean(deps.gpuDevice?.()) || (deps.onWasm?.() ?? false),
            loadDataset: (config) => (deps.loadTarget ?? deps.loadDataset)(config),
          }),
        );
        return;
      default:
        assertNever(command);
    }
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
   * A Train (checkpointed under its key) or a Restore (an ended run rebuilt from its saved weights,
   * or an interrupted one continued): the run's owner queues it, and it begins once the run or
   * sweep in progress, which it supersedes, has stopped.
   */
  private async start(request: RunRequest): Promise<void> {
    this.run.enqueue(request);
    this.run.apply({ type: 'start' });
    this.sweepCancelled = true;
    const previous = this.running;
    let done = (): void => undefined;
    this.running = new Promise<void>((resolve) => (done = resolve));
    this.starts += 1;
    await previous;
    try {
      await this.flow.begin();
    } finally {
      this.starts -= 1;
      done();
    }
  }
}

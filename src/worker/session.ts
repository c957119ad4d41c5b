import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { Experiment } from '../core/engine/experiment';
import { type ModelShape, modelShape } from '../core/backend-choice';
import {
  type BackendMode,
  type BackendName,
  type BackendReport,
  type FromWorker,
  type LivePoint,
  type ModelRole,
  type SavedRun,
  type SeedResult,
  type SessionCommand,
  assertNever,
} from '../protocol/messages';
import type { SweepRequest } from '../protocol/analysis';
import { BackendKeeper } from './backend-keeper';
import { BoundaryTracker } from './boundaries';
import { Checkpoints } from './checkpoints';
import { errorText } from './errors';
import { postAnalysis, postExport, postLatency, postPrediction, postSweep } from './finished-run';
import { summarize, trainedRoles } from '../core/engine/headless';
import { type ImportedTeacher, answerImport, assignImportedTeacher } from './import-teacher';
import { LiveSchedule } from './live-schedule';
import { loadSaved, removeModels } from './persist';
import { Progress, REPORT_INTERVAL_MS } from './progress';
import { stepsPerSeed, trainOtherSeeds } from './repeats';
import { RunControl } from './run-control';
import { Stopped } from './run-state';
import { type SeedWeights, readWeights, rebuildSeed } from './seed-weights';
import { type TeacherSource, adoptTeacher, datasetInfo, reusableTeacher } from './teacher-source';
import { type LoopContext, trainStudents, trainTeacher } from './training-loop';

export { REPORT_INTERVAL_MS };

/** What a request about a run answers once that run's models have left the worker. */
const MODELS_GONE = 'That run’s models are not in the worker any more.';

export interface SessionDeps {
  /** `transfer` lists buffers that move to the page instead of being copied. */
  post: (message: FromWorker, transfer?: Transferable[]) => void;
  /** `exclude`: backends not to use (one whose GPU device was lost). */
  selectBackend(
    mode: BackendMode,
    shape: ModelShape,
    exclude: readonly BackendName[],
  ): Promise<BackendReport>;
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
  /** Lets queued messages (pause, slider moves) in between two steps. */
  yieldToEventLoop(): Promise<void>;
  now(): number;
  /**
   * Resolves once a GPU device loss behind a failed read has been announced (a failed read can
   * come before the device's `lost` promise); at once when the backend has no device.
   */
  settleDeviceLoss?(): Promise<void>;
}

/**
 * Owns the experiment, its loop and the commands that steer it. Knows nothing of Worker globals,
 * so tests drive it with a stubbed `post`.
 */
export class Session {
  private experiment: Experiment | null = null;
  private readonly backend: BackendKeeper;
  /** Starts begun and not yet ended (a new start overlaps the one it supersedes). */
  private starts = 0;
  private running: Promise<void> = Promise.resolve();
  private runId = 0;
  /** Where the current run stands: its phase, pause and stop requests, faults (run-state.ts). */
  private readonly control: RunControl;
  /** T, α and learning rate: the run's schedule and the page's live changes. */
  private hyper = new LiveSchedule(DEFAULT_CONFIG);
  /** The students go on past their epochs until Stop. */
  private keepTraining = false;
  private progress = new Progress(
    0,
    () => undefined,
    () => 0,
  );
  private sweepCancelled = false;
  /** Decision-boundary maps of a 2-D dataset's run. */
  private boundaries: BoundaryTracker | null = null;
  /** The models the current phase trains, whose maps are refreshed as it goes. */
  private training: ModelRole[] = [];
  private checkpoints = new Checkpoints(null, null);
  /** The last teacher a person imported; a run may distil from it instead of training one. */
  private imported: ImportedTeacher | null = null;
  /** The current run distils from `imported`. */
  private useImported = false;
  /** A repeated run's finished seeds, by index, as weights; the experiment holds seed `studied`. */
  private seedWeights = new Map<number, SeedWeights>();
  private studied = 0;

  constructor(private readonly deps: SessionDeps) {
    this.control = new RunControl({
      post: this.post,
      yieldToEventLoop: () => deps.yieldToEventLoop(),
      runId: () => this.runId,
      beforePause: () => {
        this.progress.flush();
      },
    });
    this.backend = new BackendKeeper(
      (mode, shape, exclude) => deps.selectBackend(mode, shape, exclude),
      this.post,
    );
  }

  handle(message: SessionCommand): void {
    switch (message.type) {
      case 'init':
        this.backend.mode = message.backend;
        this.backend.choose(message.shape);
        return;
      case 'set-backend':
        // While a run trains, the change waits for the next Train.
        this.backend.setMode(message.backend, this.starts === 0);
        return;
      case 'start':
        this.useImported = message.importedTeacher === true;
        this.keepTraining = message.keepTraining === true;
        void this.start(message.runId, message.config, undefined, message.key);
        return;
      case 'import-teacher':
        void answerImport(
          message,
          (teacher) => {
            this.imported = teacher;
          },
          this.post,
        );
        return;
      case 'restore':
        void this.start(message.runId, message.config, message.saved);
        return;
      case 'persist': {
        const exp = this.endedRun(message.runId);
        if (exp) void this.checkpoints.persist(exp, message.key, this.runId, this.post);
        return;
      }
      case 'forget':
        removeModels(message.key).catch((e: unknown) => {
          this.post({
            type: 'error',
            message: `The run was deleted, but its saved models could not be: ${errorText(e)}`,
          });
        });
        return;
      case 'measure-latency':
        if (this.endedRun(message.runId)) {
          this.running = this.running.then(() => this.postLatency());
        } else {
          this.post({
            type: 'error',
            runId: message.runId,
            scope: 'latency',
            message: MODELS_GONE,
          });
        }
        return;
      case 'predict': {
        const exp = this.endedRun(message.runId);
        const { requestId, features } = message;
        if (exp) void postPrediction(exp, this.runId, requestId, features, this.deps.post);
        else this.post({ type: 'error', requestId, message: MODELS_GONE });
        return;
      }
      case 'export': {
        const exp = this.endedRun(message.runId);
        const { requestId, role, format } = message;
        if (exp) void postExport(exp, this.runId, requestId, role, format, this.deps.post);
        else this.post({ type: 'error', requestId, message: MODELS_GONE });
        return;
      }
      case 'sweep':
        this.requestSweep(message.request);
        return;
      case 'study-seed': {
        const exp = this.endedRun(message.runId);
        const { index } = message;
        if (!exp || !this.seedWeights.has(index)) {
          const text = `Seed ${index + 1}'s models are not held in this page (they are kept only until the next run, and not for a run opened from Runs).`;
          // The analysis's error, not the run's: the run itself is complete and stays shown.
          this.post({ type: 'error', runId: message.runId, scope: 'analysis', message: text });
          return;
        }
        this.running = this.running.then(() => this.studySeed(exp, index));
        return;
      }
      case 'cancel-sweep':
        this.sweepCancelled = true;
        return;
      case 'pause':
      case 'resume':
      case 'stop':
        this.control.apply({ type: message.type });
        return;
      case 'set-hyper': {
        // The students take a change at their next step (their first, if they have not begun);
        // a teacher in training takes a new learning rate at once.
        this.hyper.request(message.hyper);
        const { learningRate } = message.hyper;
        if (learningRate !== undefined && this.experiment && this.training.includes('teacher')) {
          this.experiment.learningRate = learningRate;
        }
        return;
      }
      case 'keep-training':
        this.keepTraining = message.on;
        return;
      default:
        assertNever(message);
    }
  }

  /** Releases the experiment's tensors; for a session that is idle and will not run again. */
  dispose(): void {
    this.dropExperiment();
  }

  private dropExperiment(): void {
    this.boundaries?.dispose();
    this.boundaries = null;
    this.experiment?.dispose();
    this.experiment = null;
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
    this.control.apply({ type: 'device-lost' });
    this.backend.loseWebGpu();
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
    this.control.apply({ type: 'start' });
    this.sweepCancelled = true;
    const previous = this.running;
    let done = (): void => undefined;
    this.running = new Promise<void>((resolve) => (done = resolve));
    this.starts += 1;
    await previous;
    if (this.backend.fit(modelShape(config))) this.dropExperiment();
    await this.backend.whenReady();
    this.control.apply({ type: 'begin' });
    this.runId = runId;
    this.hyper = new LiveSchedule(config);
    this.seedWeights = new Map();
    this.studied = 0;
    this.progress = new Progress(runId, this.post, () => this.deps.now());
    const resume = saved?.resume ?? null;
    this.checkpoints = new Checkpoints(resume ? (saved?.key ?? null) : (key ?? null), resume);
    try {
      await (saved && !saved.resume ? this.restore(config, saved) : this.run(config, saved));
    } catch (e) {
      await this.ended(e, config);
    } finally {
      this.starts -= 1;
      done();
    }
  }

  /** What a run that threw ends as: stopped, failed, or — after a lost device — moved. */
  private async ended(e: unknown, config: ExperimentConfig): Promise<void> {
    if (!(e instanceof Stopped)) await this.deps.settleDeviceLoss?.();
    if (this.control.state.deviceLost) {
      await this.recover(config);
    } else if (e instanceof Stopped) {
      await this.postResults();
      this.control.end('stopped');
    } else {
      this.control.apply({ type: 'end', how: 'failed' });
      this.deps.post({ type: 'error', runId: this.runId, message: errorText(e) });
    }
  }

  /**
   * After a lost device: another backend, the models rebuilt from the last checkpoint (from the
   * start without one), and the run paused there for the person to resume.
   */
  private async recover(config: ExperimentConfig): Promise<void> {
    this.control.apply({ type: 'recover' });
    try {
      this.dropExperiment();
    } catch {
      // Its tensors lived on the lost device; letting go of them is all that matters.
      this.experiment = null;
    }
    let backend: BackendReport;
    try {
      backend = await this.backend.reselect(modelShape(config));
    } catch (e) {
      this.control.apply({ type: 'end', how: 'failed' });
      this.post({
        type: 'error',
        runId: this.runId,
        message: `No backend is left: ${errorText(e)}`,
      });
      return;
    }
    const resume = this.checkpoints.last;
    this.post({ type: 'recovered', runId: this.runId, resume, backend: backend.name });
    const saved = this.checkpoints.savedRun();
    try {
      await this.run(config, saved);
    } catch (e) {
      await this.ended(e, config);
    }
  }

  /**
   * The experiment of `config` on its dataset, announced to the page. Where `reuse` allows, its
   * teacher comes ready: the imported one when the run asked for it, else the previous run's
   * finished teacher when `config` trains the same teacher on the same data.
   */
  private async prepare(
    config: ExperimentConfig,
    reuse = true,
  ): Promise<{ exp: Experiment; teacher: TeacherSource }> {
    this.training = [];
    const imported = reuse && this.useImported;
    const teacher = reuse && !imported ? reusableTeacher(this.experiment, config) : null;
    this.dropExperiment();
    const dataset = await this.deps.loadDataset(config);
    await this.control.gate();
    const exp = new Experiment(dataset, config);
    // The run's starting rate, or one the page set while the data loaded.
    exp.learningRate = this.hyper.settle().learningRate;
    this.experiment = exp;
    this.deps.post({ type: 'dataset', runId: this.runId, info: datasetInfo(exp) });
    if (exp.dataset.features === 2) this.trackBoundaries(exp);
    if (teacher) adoptTeacher(exp, teacher);
    if (imported) {
      if (!this.imported) throw new Error('No teacher has been imported in this page.');
      assignImportedTeacher(exp, this.imported);
      return { exp, teacher: 'imported' };
    }
    return { exp, teacher: teacher ? 'previous' : 'train' };
  }

  /**
   * An ended run brought back: same configuration, so the same data split, with the saved weights;
   * then everything an ended run answers (analysis, latency) as if it had just finished.
   */
  private async restore(config: ExperimentConfig, saved: SavedRun): Promise<void> {
    const { exp } = await this.prepare(config);
    await loadSaved(exp, saved);
    if (saved.roles.includes('distilled')) exp.finishTeacher();
    this.training = [...saved.roles];
    await this.postResults();
    this.control.end(saved.phase);
    await this.postLatency();
  }

  /** Trains a run from the start, or from the checkpoint `saved.resume` names. */
  private async run(config: ExperimentConfig, saved?: SavedRun): Promise<void> {
    this.control.phase('loading');
    const resume = saved?.resume;
    const { exp, teacher } = await this.prepare(config, !resume);
    if (saved) await loadSaved(exp, saved);
    // The models are back; after a recovery the person decides when training goes on.
    this.control.apply({ type: 'rebuilt' });
    this.checkpoints.begin(resume);

    const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
    const studentPerEpoch = exp.distilledPlan.stepsPerEpoch;
    const teacherSteps = teacher === 'train' ? config.teacherEpochs * teacherPerEpoch : 0;
    const studentSteps = config.studentEpochs * studentPerEpoch;
    const teacherFrom =
      resume?.phase === 'teacher' ? resume.epoch * teacherPerEpoch : resume ? teacherSteps : 0;
    const studentFrom = resume?.phase === 'students' ? resume.epoch * studentPerEpoch : 0;
    this.progress.step = teacherFrom + studentFrom;
    const otherSeeds = (config.repeats - 1) * stepsPerSeed(exp, teacher === 'imported');
    this.progress.totalSteps = teacherSteps + studentSteps + otherSeeds;
    if (config.repeats > 1) {
      this.post({
        type: 'repeat',
        runId: this.runId,
        index: 0,
        of: config.repeats,
        seed: config.seed,
      });
    }

    if (teacher === 'imported' && this.imported) {
      this.post({ type: 'teacher-imported', runId: this.runId, name: this.imported.name });
    } else if (teacher === 'previous') {
      this.post({ type: 'teacher-reused', runId: this.runId });
    } else if (teacherFrom < teacherSteps) {
      this.control.phase('teacher');
      this.training = ['teacher'];
      await trainTeacher(exp, teacherFrom, teacherSteps, this.loop());
    }
    await this.boundaries?.settle(['teacher']);
    this.control.phase('soft-targets');
    exp.finishTeacher();
    this.control.phase('students');
    await this.control.gate();
    this.training = ['distilled', 'scratch'];
    this.checkpoints.completed(await trainStudents(exp, studentFrom, studentSteps, this.loop()));
    const own = await this.postResults();
    if (own)
      this.post({
        type: 'seed-result',
        runId: this.runId,
        result: { index: 0, seed: config.seed, ...own },
      });
    const stopped = await this.trainOtherSeeds(config, teacher === 'imported');
    this.control.end(stopped ? 'stopped' : 'done');
    if (!stopped) await this.postLatency();
  }

  /**
   * A repeated run's other seeds, after its own; true when Stop ended them (the seeds that
   * finished are kept, the one in training is dropped).
   */
  private async trainOtherSeeds(config: ExperimentConfig, imported: boolean): Promise<boolean> {
    if (config.repeats < 2) return false;
    this.control.phase('repeats');
    this.training = [];
    try {
      await trainOtherSeeds(config, {
        runId: this.runId,
        post: this.post,
        loadDataset: (c) => this.deps.loadDataset(c),
        imported: imported ? this.imported : null,
        beforeStep: async () => {
          await this.control.gate();
          this.progress.step += 1;
          if (this.progress.due) this.progress.flush();
        },
        hyper: () => this.hyper.settle(),
        keep: (index, weights) => this.seedWeights.set(index, weights),
      });
    } catch (e) {
      if (e instanceof Stopped) return true;
      throw e;
    } finally {
      // Progress posts are throttled: the page gets the last steps too.
      this.progress.flush();
    }
    return false;
  }

  /** What the training loops need of the session. */
  private loop(): LoopContext {
    return {
      runId: this.runId,
      post: this.post,
      gate: () => this.control.gate(),
      progress: this.progress,
      receivePoint: (p) => {
        this.receivePoint(p);
      },
      checkpoint: (exp, resume) =>
        this.checkpoints.save(exp, resume, {
          runId: this.runId,
          post: this.post,
          deviceLost: () => this.control.state.deviceLost,
        }),
      boundaries: this.boundaries,
      hyper: this.hyper,
      keepTraining: () => this.keepTraining,
    };
  }

  private trackBoundaries(exp: Experiment): void {
    this.boundaries = BoundaryTracker.start(exp, this.runId, this.deps.post, () => this.deps.now());
  }

  /**
   * Keeps a live point for the next report; a loss that is no longer finite pauses the run where
   * it stands (the gate announces it), so nothing trained so far is lost and the person decides.
   */
  private receivePoint(point: LivePoint): void {
    if (Number.isFinite(point.loss)) {
      this.progress.add(point);
      return;
    }
    if (this.control.state.paused) return;
    this.post({
      type: 'diverged',
      runId: this.runId,
      model: point.model,
      step: this.progress.step,
      epoch: point.epoch,
      loss: String(point.loss),
      learningRate: this.hyper.inForce().learningRate,
    });
    this.control.apply({ type: 'diverged' });
  }

  /**
   * Summary, then the analysis the lens, confusion and size views need. Returns the summary once
   * both students exist.
   */
  private async postResults(): Promise<Omit<SeedResult, 'index' | 'seed'> | null> {
    this.control.apply({ type: 'final' });
    const summary = await this.postSummary();
    const exp = this.experiment;
    if (!exp) return null;
    // The phase that just ended (or was stopped); an earlier phase's maps are already final.
    await this.boundaries?.settle(this.training);
    await postAnalysis(exp, this.runId, this.deps.post);
    return summary;
  }

  /**
   * Makes seed `index` of the ended repeated run the one its analysis, exports, sweeps and latency
   * study: its experiment rebuilt from its seed and kept weights (the current seed's are kept
   * first, so a person can switch back).
   */
  private async studySeed(current: Experiment, index: number): Promise<void> {
    const weights = this.seedWeights.get(index);
    if (!weights || index === this.studied) return;
    try {
      if (!this.seedWeights.has(this.studied)) {
        this.seedWeights.set(this.studied, await readWeights(current));
      }
      const load = (c: ExperimentConfig) => this.deps.loadDataset(c);
      const exp = await rebuildSeed(current, this.studied, index, weights, load);
      this.dropExperiment();
      this.experiment = exp;
      this.studied = index;
      this.post({ type: 'studied', runId: this.runId, index, seed: exp.config.seed });
      if (exp.dataset.features === 2) this.trackBoundaries(exp);
      this.training = [...trainedRoles(exp)];
      await this.postResults();
      await this.postLatency();
    } catch (e) {
      this.post({
        type: 'error',
        runId: this.runId,
        scope: 'analysis',
        message: `Seed ${index + 1}'s models could not be rebuilt: ${errorText(e)}`,
      });
    }
  }

  /** A T × α sweep on the ended run's soft targets, queued like a run so a new start waits. */
  private requestSweep(request: SweepRequest): void {
    const exp = this.endedRun(request.runId);
    if (!exp?.hasSoftTargets) {
      const message = 'The sweep needs a finished teacher: train one first.';
      this.post({ type: 'sweep-end', sweepId: request.sweepId, outcome: 'error', message });
      return;
    }
    this.sweepCancelled = false;
    const deps = {
      post: this.deps.post,
      yieldToEventLoop: () => this.deps.yieldToEventLoop(),
      cancelled: () => this.sweepCancelled,
      learningRate: this.hyper.inForce().learningRate,
    };
    this.running = this.running.then(() => postSweep(exp, request, deps));
  }

  /** Inference latency of every trained model on the active backend. */
  private async postLatency(): Promise<void> {
    const exp = this.experiment;
    const backend = this.backend.name;
    if (!exp || !backend) return;
    await postLatency(exp, this.runId, backend, () => this.deps.now(), this.deps.post);
  }

  /**
   * The experiment of run `runId` if that run has ended and its models are still here, else null.
   * Reading them while its latency is being measured is fine: nothing changes them any more.
   */
  private endedRun(runId: number): Experiment | null {
    return this.control.state.final && runId === this.runId ? this.experiment : null;
  }

  /**
   * Final test metrics of whatever has been trained, so Stop keeps a complete table, and the two
   * students compared row by row once both exist. Returns them then, else null.
   */
  private async postSummary(): Promise<Omit<SeedResult, 'index' | 'seed'> | null> {
    const exp = this.experiment;
    if (!exp) return null;
    this.progress.flush();
    const { models, students } = await summarize(exp);
    this.post({ type: 'summary', runId: this.runId, models, ...(students ? { students } : {}) });
    return students ? { models, students } : null;
  }

  /** Posts to the page; an arrow, so the loops and helpers can be handed it as it is. */
  private readonly post = (message: FromWorker): void => {
    this.deps.post(message);
  };
}

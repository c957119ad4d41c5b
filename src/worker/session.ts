import { DEFAULT_CONFIG, type ExperimentConfig, sameTeacher } from '../core/config';
import type { Dataset, DatasetInfo } from '../core/data/dataset';
import { Experiment } from '../core/engine/experiment';
import { networkParameters } from '../core/engine/network';
import { MetricAccumulator } from '../core/engine/trainer';
import { type ModelShape, modelShape, shapeKey } from '../core/backend-choice';
import {
  type BackendMode,
  type BackendName,
  type BackendReport,
  type FromWorker,
  type LivePoint,
  type ModelRole,
  type ModelSummary,
  checkpointRoles,
  type Resume,
  type SavedRun,
  type SeedResult,
  type SessionCommand,
  assertNever,
} from '../protocol/messages';
import type { SweepRequest } from '../protocol/analysis';
import { BoundaryTracker } from './boundaries';
import { errorText } from './errors';
import {
  postAnalysis,
  postExport,
  postLatency,
  postPrediction,
  postSweep,
  trainedRoles,
} from './finished-run';
import { loadModels, removeModels, saveModels } from './persist';
import { type ImportedTeacher, assignImportedTeacher, readTeacher } from './import-teacher';
import { LiveReader } from './reporter';
import { stepsPerSeed, trainOtherSeeds } from './repeats';
import { LiveSchedule } from './live-schedule';
import {
  INITIAL_RUN_STATE,
  type RunEvent,
  type RunState,
  type TrainingPhase,
  isHeld,
  transition,
} from './run-state';
import { type SeedWeights, assignWeights, readWeights } from './seed-weights';

/** Live points are batched into at most one message per this many milliseconds (~10 a second). */
export const REPORT_INTERVAL_MS = 100;

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

class Stopped extends Error {}

/** Where a run's teacher comes from: trained now, the previous run's, or an uploaded file. */
type TeacherSource = 'train' | 'previous' | 'imported';

/** Thrown at the next step after the GPU device was lost; the run continues elsewhere. */
class DeviceLost extends Error {}

/**
 * Owns the experiment, its loop and the commands that steer it. Knows nothing of Worker globals,
 * so tests drive it with a stubbed `post`.
 */
export class Session {
  private experiment: Experiment | null = null;
  private ready: Promise<void> | null = null;
  private backendMode: BackendMode = 'auto';
  /** The shape the automatic choice was made for; a run on another shape chooses again. */
  private chosenFor = '';
  private shape: ModelShape | null = null;
  /** Starts begun and not yet ended (a new start overlaps the one it supersedes). */
  private starts = 0;
  private backendName: BackendName | null = null;
  private running: Promise<void> = Promise.resolve();
  private runId = 0;
  /** Where the current run stands: its phase, pause and stop requests, faults (run-state.ts). */
  private state: RunState = INITIAL_RUN_STATE;
  private resumeWaiters: (() => void)[] = [];
  /** T, α and learning rate: the run's schedule and the page's live changes. */
  private hyper = new LiveSchedule(DEFAULT_CONFIG);
  /** The students go on past their epochs until Stop. */
  private keepTraining = false;
  private pendingPoints: LivePoint[] = [];
  private lastPost = -Infinity;
  private step = 0;
  private totalSteps = 0;
  private sweepCancelled = false;
  /** Decision-boundary maps of a 2-D dataset's run. */
  private boundaries: BoundaryTracker | null = null;
  /** The models the current phase trains, whose maps are refreshed as it goes. */
  private training: ModelRole[] = [];
  /** Where the current run's models are checkpointed at each epoch end; null for none. */
  private checkpointKey: string | null = null;
  private lastCheckpoint: Resume | null = null;
  /** The current run's teacher is in its checkpoint, so student checkpoints skip it. */
  private teacherSaved = false;
  /** A checkpoint failed (storage refused or full): the run goes on without them. */
  private checkpointFailed = false;
  /** The key whose checkpoint already holds the ended run's final models, so `persist` can skip. */
  private completeUnder: string | null = null;
  /** The last teacher a person imported; a run may distil from it instead of training one. */
  private imported: ImportedTeacher | null = null;
  /** The current run distils from `imported`. */
  private useImported = false;
  private readonly lostBackends = new Set<BackendName>();
  /** A repeated run's finished seeds, by index, as weights; the experiment holds seed `studied`. */
  private seedWeights = new Map<number, SeedWeights>();
  private studied = 0;

  constructor(private readonly deps: SessionDeps) {}

  handle(message: SessionCommand): void {
    switch (message.type) {
      case 'init':
        this.backendMode = message.backend;
        this.chooseBackend(message.shape);
        return;
      case 'set-backend':
        this.backendMode = message.backend;
        this.chosenFor = '';
        // While a run trains, the change waits for the next Train.
        if (this.starts === 0 && this.shape) this.chooseBackend(this.shape);
        return;
      case 'start':
        this.useImported = message.importedTeacher === true;
        this.keepTraining = message.keepTraining === true;
        void this.start(message.runId, message.config, undefined, message.key);
        return;
      case 'import-teacher': {
        const { requestId, files, input, classes } = message;
        void readTeacher(files, input, classes)
          .catch((e: unknown) => ({ ok: false as const, error: errorText(e) }))
          .then((read) => {
            // A failed import keeps the teacher imported before it.
            if (read.ok) this.imported = read.teacher;
            const result = read.ok
              ? {
                  ok: true as const,
                  name: read.teacher.name,
                  layers: read.teacher.layers,
                  parameters: read.teacher.parameters,
                }
              : read;
            this.post({ type: 'teacher-import', requestId, result });
          });
        return;
      }
      case 'restore':
        void this.start(message.runId, message.config, message.saved);
        return;
      case 'persist': {
        const exp = this.endedRun(message.runId);
        if (exp) void this.persist(exp, message.key);
        return;
      }
      case 'forget':
        removeModels(message.key).catch(() => undefined);
        return;
      case 'measure-latency':
        if (this.endedRun(message.runId)) {
          this.running = this.running.then(() => this.postLatency());
        }
        return;
      case 'predict': {
        const exp = this.endedRun(message.runId);
        const { requestId, features } = message;
        if (exp) void postPrediction(exp, this.runId, requestId, features, this.deps.post);
        return;
      }
      case 'export': {
        const exp = this.endedRun(message.runId);
        const { role, format } = message;
        if (exp) void postExport(exp, this.runId, role, format, this.deps.post);
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
          // A notice, not the run's error: the run itself is complete and stays shown.
          this.post({ type: 'error', message: text });
          return;
        }
        this.running = this.running.then(() => this.studySeed(exp, index));
        return;
      }
      case 'cancel-sweep':
        this.sweepCancelled = true;
        return;
      case 'pause':
        this.apply({ type: 'pause' });
        return;
      case 'resume':
      case 'stop':
        this.apply({ type: message.type });
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

  private chooseBackend(shape: ModelShape): void {
    this.shape = shape;
    this.chosenFor = shapeKey(shape);
    const previous = this.ready ?? Promise.resolve();
    this.ready = previous.then(() =>
      this.deps
        .selectBackend(this.backendMode, shape, [...this.lostBackends])
        .then((backend) => {
          this.backendName = backend.name;
          this.deps.post({ type: 'backend', backend });
        })
        .catch((e: unknown) => {
          this.deps.post({
            type: 'error',
            message: `No tfjs backend could start: ${errorText(e)}`,
          });
        }),
    );
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
    this.apply({ type: 'device-lost' });
    this.lostBackends.add('webgpu');
    this.chosenFor = '';
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
    this.apply({ type: 'start' });
    this.sweepCancelled = true;
    const previous = this.running;
    let done = (): void => undefined;
    this.running = new Promise<void>((resolve) => (done = resolve));
    this.starts += 1;
    await previous;
    const shape = modelShape(config);
    if (shapeKey(shape) !== this.chosenFor) {
      // Automatic choice depends on the networks' sizes, and the experiment is rebuilt anyway.
      this.dropExperiment();
      this.chooseBackend(shape);
    }
    await this.ready;
    this.apply({ type: 'begin' });
    this.runId = runId;
    this.hyper = new LiveSchedule(config);
    this.seedWeights = new Map();
    this.studied = 0;
    this.checkpointKey = saved?.resume ? saved.key : (key ?? null);
    this.lastCheckpoint = saved?.resume ?? null;
    this.completeUnder = null;
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
    if (this.state.deviceLost) {
      await this.recover(config);
    } else if (e instanceof Stopped) {
      await this.postResults();
      this.end('stopped');
    } else {
      this.state = transition(this.state, { type: 'end', how: 'failed' });
      this.deps.post({ type: 'error', runId: this.runId, message: errorText(e) });
    }
  }

  /**
   * After a lost device: another backend, the models rebuilt from the last checkpoint (from the
   * start without one), and the run paused there for the person to resume.
   */
  private async recover(config: ExperimentConfig): Promise<void> {
    this.apply({ type: 'recover' });
    try {
      this.dropExperiment();
    } catch {
      // Its tensors lived on the lost device; letting go of them is all that matters.
      this.experiment = null;
    }
    const shape = modelShape(config);
    let backend: BackendReport;
    try {
      backend = await this.deps.selectBackend(this.backendMode, shape, [...this.lostBackends]);
    } catch (e) {
      this.state = transition(this.state, { type: 'end', how: 'failed' });
      this.post({
        type: 'error',
        runId: this.runId,
        message: `No backend is left: ${errorText(e)}`,
      });
      return;
    }
    this.backendName = backend.name;
    this.chosenFor = shapeKey(shape);
    this.post({ type: 'backend', backend });
    const resume = this.lastCheckpoint;
    const key = this.checkpointKey;
    this.post({ type: 'recovered', runId: this.runId, resume, backend: backend.name });
    const saved =
      resume && key
        ? { key, roles: checkpointRoles(resume), phase: 'stopped' as const, resume }
        : undefined;
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
    const previous = this.experiment;
    const imported = reuse && this.useImported;
    // Clones share the variables' data on the device, so they outlive the old experiment.
    const teacher =
      reuse && !imported && previous?.hasSoftTargets && sameTeacher(previous.config, config)
        ? previous.teacher.model.weights.map(({ kernel, bias }) => [kernel.clone(), bias.clone()])
        : null;
    this.dropExperiment();
    const dataset = await this.deps.loadDataset(config);
    await this.gate();
    const exp = new Experiment(dataset, config);
    // The run's starting rate, or one the page set while the data loaded.
    exp.learningRate = this.hyper.settle().learningRate;
    this.experiment = exp;
    this.deps.post({ type: 'dataset', runId: this.runId, info: datasetInfo(exp) });
    if (exp.dataset.features === 2) this.trackBoundaries(exp);
    if (teacher) {
      exp.teacher.model.weights.forEach(({ kernel, bias }, i) => {
        const [k, b] = teacher[i] ?? [];
        if (k && b) {
          kernel.assign(k);
          bias.assign(b);
        }
      });
      for (const pair of teacher) for (const t of pair) t.dispose();
    }
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
    this.end(saved.phase);
    await this.postLatency();
  }

  private async persist(exp: Experiment, key: string): Promise<void> {
    // A completed run's last checkpoint saved these very weights under this key.
    if (key === this.completeUnder) return;
    try {
      await saveModels(exp, key, trainedRoles(exp));
    } catch (e) {
      this.post({
        type: 'error',
        message: `The trained models could not be saved in this browser (${errorText(e)}); they stay usable until the next run.`,
      });
    }
  }

  /** Trains a run from the start, or from the checkpoint `saved.resume` names. */
  private async run(config: ExperimentConfig, saved?: SavedRun): Promise<void> {
    this.phase('loading');
    const resume = saved?.resume;
    const { exp, teacher } = await this.prepare(config, !resume);
    if (saved) await loadSaved(exp, saved);
    // The models are back; after a recovery the person decides when training goes on.
    this.apply({ type: 'rebuilt' });
    this.checkpointFailed = false;
    this.teacherSaved = resume?.phase === 'students';

    const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
    const studentPerEpoch = exp.distilledPlan.stepsPerEpoch;
    const teacherSteps = teacher === 'train' ? config.teacherEpochs * teacherPerEpoch : 0;
    const studentSteps = config.studentEpochs * studentPerEpoch;
    const teacherFrom =
      resume?.phase === 'teacher' ? resume.epoch * teacherPerEpoch : resume ? teacherSteps : 0;
    const studentFrom = resume?.phase === 'students' ? resume.epoch * studentPerEpoch : 0;
    this.step = teacherFrom + studentFrom;
    const otherSeeds = (config.repeats - 1) * stepsPerSeed(exp, teacher === 'imported');
    this.totalSteps = teacherSteps + studentSteps + otherSeeds;
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
      this.phase('teacher');
      this.training = ['teacher'];
      await this.trainTeacher(exp, teacherFrom, teacherSteps);
    }
    await this.boundaries?.settle(['teacher']);
    this.phase('soft-targets');
    exp.finishTeacher();
    this.phase('students');
    await this.gate();
    this.training = ['distilled', 'scratch'];
    await this.trainStudents(exp, studentFrom, studentSteps);
    const last = this.lastCheckpoint;
    if (last?.phase === 'students' && last.epoch === config.studentEpochs) {
      this.completeUnder = this.checkpointKey;
    }
    const own = await this.postResults();
    if (own)
      this.post({
        type: 'seed-result',
        runId: this.runId,
        result: { index: 0, seed: config.seed, ...own },
      });
    const stopped = await this.trainOtherSeeds(config, teacher === 'imported');
    this.end(stopped ? 'stopped' : 'done');
    if (!stopped) await this.postLatency();
  }

  /**
   * A repeated run's other seeds, after its own; true when Stop ended them (the seeds that
   * finished are kept, the one in training is dropped).
   */
  private async trainOtherSeeds(config: ExperimentConfig, imported: boolean): Promise<boolean> {
    if (config.repeats < 2) return false;
    this.phase('repeats');
    this.training = [];
    try {
      await trainOtherSeeds(config, {
        runId: this.runId,
        post: (message) => {
          this.post(message);
        },
        loadDataset: (c) => this.deps.loadDataset(c),
        imported: imported ? this.imported : null,
        beforeStep: async () => {
          await this.gate();
          this.step += 1;
          if (this.deps.now() - this.lastPost >= REPORT_INTERVAL_MS) this.flush();
        },
        hyper: () => this.hyper.settle(),
        keep: (index, weights) => this.seedWeights.set(index, weights),
      });
    } catch (e) {
      if (e instanceof Stopped) return true;
      throw e;
    } finally {
      // Progress posts are throttled: the page gets the last steps too.
      this.flush();
    }
    return false;
  }

  private async trainTeacher(exp: Experiment, from: number, steps: number): Promise<void> {
    const perEpoch = exp.teacherPlan.stepsPerEpoch;
    const acc = new MetricAccumulator();
    const reader = new LiveReader('teacher', acc, (p) => {
      this.receivePoint(p);
    });
    try {
      for (let s = from; s < steps; s++) {
        await this.gate();
        acc.add(exp.teacherStep(s));
        await this.afterStep(s + 1, perEpoch, [reader], async (epoch) => {
          const trainLoss = await reader.closeEpoch(epoch);
          const { accuracy } = await exp.evaluate(exp.teacher.model);
          this.postEpoch('teacher', epoch, trainLoss, accuracy);
          await this.checkpoint(exp, { phase: 'teacher', epoch });
        });
      }
    } finally {
      reader.dispose();
    }
  }

  private async trainStudents(exp: Experiment, from: number, steps: number): Promise<void> {
    const perEpoch = exp.distilledPlan.stepsPerEpoch;
    const tracks = (['distilled', 'scratch'] as const).map((role) => {
      const acc = new MetricAccumulator();
      const reader = new LiveReader(role, acc, (p) => {
        this.receivePoint(p);
      });
      return { role, acc, reader };
    });
    const [distilled, scratch] = tracks as [(typeof tracks)[number], (typeof tracks)[number]];
    const readers = tracks.map((t) => t.reader);
    try {
      // With Keep training on, the students go on past their epochs, to the end of an epoch.
      for (let s = from; s < steps || this.keepTraining || s % perEpoch !== 0; s++) {
        await this.gate();
        const change = this.hyper.step(s, from);
        if (change) {
          this.post({ type: 'hyper', runId: this.runId, mark: { ...change, epoch: s / perEpoch } });
        }
        const applied = this.hyper.current;
        exp.learningRate = applied.learningRate;
        const m = exp.studentStep(s, applied);
        distilled.acc.add(m.distilled);
        scratch.acc.add(m.scratch);
        await this.afterStep(s + 1, perEpoch, readers, async (epoch) => {
          // Both readers first: from here to the next step nothing is pending on the device, so
          // the tensor count seen at an epoch report is the same every epoch.
          const losses = [];
          for (const { reader } of tracks) losses.push(await reader.closeEpoch(epoch));
          for (const [i, { role }] of tracks.entries()) {
            const { accuracy, agreement } = await exp.evaluate(exp[role].model);
            this.postEpoch(role, epoch, losses[i] ?? Number.NaN, accuracy, agreement);
          }
          await this.checkpoint(exp, { phase: 'students', epoch });
        });
      }
    } finally {
      for (const reader of readers) reader.dispose();
    }
  }

  /**
   * Saves the models at an epoch end under the run's key, so it can continue from here after a
   * reload, a lost device or a dead worker. A refusal is said once; the run goes on in memory.
   */
  private async checkpoint(exp: Experiment, resume: Resume): Promise<void> {
    const key = this.checkpointKey;
    if (!key || this.checkpointFailed) return;
    const roles =
      resume.phase === 'students' && this.teacherSaved
        ? (['distilled', 'scratch'] as const)
        : checkpointRoles(resume);
    try {
      await saveModels(exp, key, roles);
    } catch (e) {
      if (this.state.deviceLost) throw new DeviceLost();
      this.checkpointFailed = true;
      this.post({
        type: 'error',
        message: `Checkpoints could not be saved in this browser (${errorText(e)}): the run goes on in memory, but cannot continue after a reload or a crash.`,
      });
      return;
    }
    this.teacherSaved = true;
    this.lastCheckpoint = resume;
    this.post({ type: 'checkpoint', runId: this.runId, resume });
  }

  private trackBoundaries(exp: Experiment): void {
    const runId = this.runId;
    const tracker = new BoundaryTracker(
      exp,
      (model, probabilities) => {
        this.deps.post({ type: 'boundary', runId, model, probabilities }, [
          probabilities.buffer as ArrayBuffer,
        ]);
      },
      () => this.deps.now(),
    );
    this.boundaries = tracker;
    const { setup } = tracker;
    this.post({ type: 'boundary-setup', runId, setup });
  }

  /**
   * Keeps a live point for the next report; a loss that is no longer finite pauses the run where
   * it stands (the gate announces it), so nothing trained so far is lost and the person decides.
   */
  private receivePoint(point: LivePoint): void {
    if (Number.isFinite(point.loss)) {
      this.pendingPoints.push(point);
      return;
    }
    if (this.state.paused) return;
    this.post({
      type: 'diverged',
      runId: this.runId,
      model: point.model,
      step: this.step,
      epoch: point.epoch,
      loss: String(point.loss),
      learningRate: this.hyper.inForce().learningRate,
    });
    this.apply({ type: 'diverged' });
  }

  /** Progress, throttled live points, and the epoch boundary's evaluation. */
  private async afterStep(
    done: number,
    perEpoch: number,
    readers: readonly LiveReader[],
    onEpochEnd: (epoch: number) => Promise<void>,
  ): Promise<void> {
    this.step += 1;
    this.boundaries?.update(this.training);
    const epoch = done / perEpoch;
    if (done % perEpoch === 0) {
      await onEpochEnd(epoch);
      this.flush();
    } else if (this.deps.now() - this.lastPost >= REPORT_INTERVAL_MS) {
      for (const reader of readers) await reader.read(epoch);
      this.flush();
    }
  }

  /** Posts progress and the live points gathered since the last post. */
  private flush(): void {
    this.lastPost = this.deps.now();
    const points = this.pendingPoints;
    this.pendingPoints = [];
    this.post({
      type: 'progress',
      runId: this.runId,
      step: this.step,
      totalSteps: this.totalSteps,
      points,
    });
  }

  private postEpoch(
    model: ModelRole,
    epoch: number,
    trainLoss: number,
    testAccuracy: number,
    agreement?: number,
  ): void {
    this.post({
      type: 'epoch',
      runId: this.runId,
      result: { model, epoch, trainLoss, testAccuracy, agreement },
    });
  }

  /**
   * Summary, then the analysis the lens, confusion and size views need. Returns the summary once
   * both students exist.
   */
  private async postResults(): Promise<Omit<SeedResult, 'index' | 'seed'> | null> {
    this.apply({ type: 'final' });
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
      const seed = current.config.seed - this.studied + index;
      const config = { ...current.config, seed };
      const exp = new Experiment(await this.deps.loadDataset(config), config);
      try {
        assignWeights(exp, weights);
        exp.finishTeacher();
      } catch (e) {
        exp.dispose();
        throw e;
      }
      this.dropExperiment();
      this.experiment = exp;
      this.studied = index;
      this.post({ type: 'studied', runId: this.runId, index, seed });
      if (exp.dataset.features === 2) this.trackBoundaries(exp);
      this.training = [...trainedRoles(exp)];
      await this.postResults();
      await this.postLatency();
    } catch (e) {
      this.post({
        type: 'error',
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
    if (!exp || !this.backendName) return;
    await postLatency(exp, this.runId, this.backendName, () => this.deps.now(), this.deps.post);
  }

  /**
   * The experiment of run `runId` if that run has ended and its models are still here, else null.
   * Reading them while its latency is being measured is fine: nothing changes them any more.
   */
  private endedRun(runId: number): Experiment | null {
    return this.state.final && runId === this.runId ? this.experiment : null;
  }

  /**
   * Final test metrics of whatever has been trained, so Stop keeps a complete table, and the two
   * students compared row by row once both exist. Returns them then, else null.
   */
  private async postSummary(): Promise<Omit<SeedResult, 'index' | 'seed'> | null> {
    const exp = this.experiment;
    if (!exp) return null;
    this.flush();
    const models: Partial<Record<ModelRole, ModelSummary>> = {};
    for (const role of trainedRoles(exp)) {
      const model = exp[role].model;
      models[role] = { parameters: networkParameters(model), ...(await exp.evaluate(model)) };
    }
    if (!exp.hasSoftTargets) {
      this.post({ type: 'summary', runId: this.runId, models });
      return null;
    }
    const students = await exp.compareStudents();
    this.post({ type: 'summary', runId: this.runId, models, students });
    return { models, students };
  }

  private async gate(): Promise<void> {
    await this.deps.yieldToEventLoop();
    if (isHeld(this.state)) {
      // Announce the pause only where it takes effect, after reporting every step done before it,
      // so the page never sees progress move once it shows "Paused".
      this.flush();
      this.post({ type: 'paused', runId: this.runId, paused: true });
      while (isHeld(this.state)) {
        await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
      }
    }
    if (this.state.stopRequested) throw new Stopped();
    if (this.state.deviceLost) throw new DeviceLost();
  }

  /**
   * Moves the run's state (run-state.ts) and does what the change means here: a run released from
   * a pause says so and wakes its loop; entering a phase is announced to the page.
   */
  private apply(event: RunEvent): void {
    const before = this.state;
    this.state = transition(before, event);
    if (before.paused && !this.state.paused) {
      this.post({ type: 'paused', runId: this.runId, paused: false });
      for (const wake of this.resumeWaiters.splice(0)) wake();
    }
  }

  /** Enters a training phase and tells the page. */
  private phase(phase: TrainingPhase): void {
    this.apply({ type: 'enter', phase });
    this.post({ type: 'phase', runId: this.runId, phase });
  }

  /** Ends the run as done or stopped and tells the page. */
  private end(how: 'done' | 'stopped'): void {
    this.apply({ type: 'end', how });
    this.post({ type: 'phase', runId: this.runId, phase: how });
  }


  private post(message: FromWorker): void {
    this.deps.post(message);
  }
}

function datasetInfo(exp: Experiment): DatasetInfo {
  const { name, features, classes, yTrain, yTest } = exp.dataset;
  return {
    name,
    features,
    classes,
    train: yTrain.length,
    test: yTest.length,
    labeled: exp.labeledRows.length,
  };
}

/** Puts saved weights into `exp`'s models; a missing or unfitting save is said in words. */
async function loadSaved(exp: Experiment, saved: SavedRun): Promise<void> {
  try {
    await loadModels(exp, saved.key, saved.roles);
  } catch (e) {
    throw new Error(
      `The saved models of this run could not be loaded (${errorText(e)}); its results are shown, its models are not.`,
      { cause: e },
    );
  }
}

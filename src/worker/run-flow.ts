/**
 * One run from start to end, as the run state machine (run-state.ts) describes it: load data,
 * train or adopt a teacher, cache soft targets, train the students, the other seeds of a repeated
 * run, results; and what a run that threw ends as, including the move to another backend after a
 * lost device.
 */
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import { Experiment } from '../core/engine/experiment';
import { type ModelShape, modelShape } from '../core/backend-choice';
import {
  type BackendMode,
  type BackendName,
  type BackendReport,
  type FromWorker,
  type LivePoint,
  type SavedRun,
  resumeText,
} from '../protocol/messages';
import type { BackendKeeper } from './backend-keeper';
import type { CurrentRun } from './current-run';
import { GpuFault } from '../core/engine/fused/limits';
import { type EngineDeps, RunEngines } from './run-engines';
import { errorText } from '../core/error-text';
import type { ImportedTeacher } from './import-teacher';
import { buildExperiment } from '../core/engine/load-teacher';
import { loadSaved, savedTeacher } from './persist';
import { stepsPerSeed, trainOtherSeeds } from './repeats';
import type { RunControl } from './run-control';
import { Stopped } from './run-state';
import { type TeacherSource, adoptTeacher, datasetInfo, reusableTeacher } from './teacher-source';
import { type LoopContext, trainStudents, trainTeacher } from './training-loop';
import { studentIds } from '../core/students';

/** What the session needs of the worker around it; the engines' needs (device, store) included. */
export interface SessionDeps extends EngineDeps {
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
  /** False: no decision-boundary maps (see CurrentRunDeps). */
  mapBoundaries?: boolean;
}

export class RunFlow {
  /** The engine of each part of a run, with the GPU fault and the tuner's store. */
  readonly engines: RunEngines;

  constructor(
    private readonly deps: SessionDeps,
    private readonly control: RunControl,
    private readonly backend: BackendKeeper,
    private readonly run: CurrentRun,
    /** The last teacher a person imported in this page. */
    private readonly imported: () => ImportedTeacher | null,
  ) {
    this.engines = new RunEngines(deps, control, () => run.runId);
  }

  /**
   * An ended run brought back: same configuration, so the same data split, with the saved weights;
   * then everything an ended run answers (analysis, latency) as if it had just finished.
   */
  async restore(config: ExperimentConfig, saved: SavedRun): Promise<void> {
    const { exp } = await this.prepare(config, saved);
    await loadSaved(exp, saved);
    if (exp.ready)
      this.post({ type: 'teacher-imported', runId: this.run.runId, teacher: exp.ready.info });
    // Saved students mean the teacher had finished: its soft targets are formed again.
    if (saved.roles.some((role) => role !== 'teacher')) await exp.finishTeacher();
    this.run.trains(saved.roles);
    await this.run.postResults();
    this.control.end(saved.phase);
    await this.run.postLatency(this.backend.name);
  }

  /** Trains a run from the start, or from the checkpoint `saved.resume` names. */
  async train(config: ExperimentConfig, saved?: SavedRun): Promise<void> {
    this.control.phase('loading');
    const resume = saved?.resume;
    const { exp, teacher } = await this.prepare(config, saved);
    if (saved) await loadSaved(exp, saved);
    const { run } = this;
    run.useSteps(await this.engines.forRun(exp));
    // The models are back; after a recovery the person decides when training goes on.
    this.control.apply({ type: 'rebuilt' });
    run.checkpoints.begin(resume);

    const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
    const studentPerEpoch = exp.studentStepsPerEpoch;
    const teacherSteps = teacher === 'train' ? config.teacherEpochs * teacherPerEpoch : 0;
    const studentSteps = config.studentEpochs * studentPerEpoch;
    const teacherFrom =
      resume?.phase === 'teacher' ? resume.epoch * teacherPerEpoch : resume ? teacherSteps : 0;
    const studentFrom = resume?.phase === 'students' ? resume.epoch * studentPerEpoch : 0;
    run.progress.step = teacherFrom + studentFrom;
    const otherSeeds = (config.repeats - 1) * stepsPerSeed(exp, teacher === 'imported');
    run.progress.totalSteps = teacherSteps + studentSteps + otherSeeds;
    const { runId } = run;
    if (config.repeats > 1) {
      this.post({ type: 'repeat', runId, index: 0, of: config.repeats, seed: config.seed });
    }

    if (exp.ready) {
      this.post({ type: 'teacher-imported', runId, teacher: exp.ready.info });
    } else if (teacher === 'previous') {
      this.post({ type: 'teacher-reused', runId });
    } else if (teacherFrom < teacherSteps) {
      this.control.phase('teacher');
      run.trains(['teacher']);
      await trainTeacher(exp, teacherFrom, teacherSteps, this.loop());
    }
    await run.boundaries?.settle(['teacher']);
    this.control.phase('soft-targets');
    await run.steps.finishTeacher(async (done, total) => {
      this.post({ type: 'teacher-rows', runId, done, total });
      // Pause and Stop are heard between chunks; a large imported teacher takes a while.
      await this.control.gate();
    });
    this.control.phase('students');
    await this.control.gate();
    run.trains(studentIds(config));
    run.checkpoints.completed(await trainStudents(exp, studentFrom, studentSteps, this.loop()));
    const own = await run.postResults();
    if (own) {
      const result = { index: 0, seed: config.seed, ...own };
      this.post({ type: 'seed-result', runId, result });
    }
    const stopped = await this.trainOtherSeeds(config, exp.ready);
    this.control.end(stopped ? 'stopped' : 'done');
    if (!stopped) await this.run.postLatency(this.backend.name);
  }

  /** What a run that threw ends as: stopped, failed, or — after a lost device — moved. */
  async ended(e: unknown, config: ExperimentConfig): Promise<void> {
    if (!(e instanceof Stopped)) await this.deps.settleDeviceLoss?.();
    if (this.control.state.deviceLost) {
      await this.recover(config);
    } else if (e instanceof Stopped) {
      await this.run.postResults();
      this.control.end('stopped');
    } else if (e instanceof GpuFault) {
      // The device still works for tfjs's kernels: the fused ones stay off in this worker.
      this.engines.faulted();
      this.control.apply({ type: 'end', how: 'failed' });
      const { runId, checkpoints } = this.run;
      const kept = checkpoints.last
        ? `What was trained up to ${resumeText(checkpoints.last)} is kept`
        : 'No checkpoint had been saved, so nothing was kept';
      const message = `${e.message} ${kept}; from now on this page trains on tfjs's WebGPU kernels.`;
      this.post({ type: 'error', runId, message, fusedFault: true });
    } else {
      this.control.apply({ type: 'end', how: 'failed' });
      this.post({ type: 'error', runId: this.run.runId, message: errorText(e) });
    }
  }

  /**
   * After a lost device: another backend, the models rebuilt from the last checkpoint (from the
   * start without one), and the run paused there for the person to resume.
   */
  private async recover(config: ExperimentConfig): Promise<void> {
    this.control.apply({ type: 'recover' });
    try {
      this.run.drop();
    } catch {
      // Its tensors lived on the lost device (`drop` has let go of them anyway).
    }
    const { runId, checkpoints } = this.run;
    let backend: BackendReport;
    try {
      backend = await this.backend.reselect(modelShape(config));
    } catch (e) {
      this.control.apply({ type: 'end', how: 'failed' });
      this.post({ type: 'error', runId, message: `No backend is left: ${errorText(e)}` });
      return;
    }
    this.post({ type: 'recovered', runId, resume: checkpoints.last, backend: backend.name });
    try {
      await this.train(config, checkpoints.savedRun(config));
    } catch (e) {
      await this.ended(e, config);
    }
  }

  /**
   * The experiment of `config` on its dataset, announced to the page. Its teacher may come ready:
   * an imported one (saved with the run being restored, or the last one imported when the run
   * asked for it), else the previous run's finished teacher when `config` trains the same teacher
   * on the same data and no checkpoint is being resumed.
   */
  private async prepare(
    config: ExperimentConfig,
    saved?: SavedRun,
  ): Promise<{ exp: Experiment; teacher: TeacherSource }> {
    const { run } = this;
    run.trains([]);
    const imported = saved
      ? await savedTeacher(saved.key)
      : run.useImported
        ? this.imported()
        : null;
    if (!saved && run.useImported && !imported) {
      throw new Error('No teacher has been imported in this page.');
    }
    const teacher = !imported && !saved?.resume ? reusableTeacher(run.experiment, config) : null;
    run.drop();
    const dataset = await this.deps.loadDataset(config);
    await this.control.gate();
    const exp = await buildExperiment(dataset, config, imported);
    const { ready } = exp;
    run.adopt(exp);
    this.post({ type: 'dataset', runId: run.runId, info: datasetInfo(exp) });
    run.watchBoundaries();
    if (teacher) adoptTeacher(exp, teacher);
    return { exp, teacher: ready ? 'imported' : teacher ? 'previous' : 'train' };
  }

  /**
   * A repeated run's other seeds, after its own; true when Stop ended them (the seeds that
   * finished are kept, the one in training is dropped).
   */
  private async trainOtherSeeds(
    config: ExperimentConfig,
    imported: ImportedTeacher | null,
  ): Promise<boolean> {
    if (config.repeats < 2) return false;
    const { run } = this;
    this.control.phase('repeats');
    run.trains([]);
    try {
      await trainOtherSeeds(config, {
        runId: run.runId,
        post: this.post,
        loadDataset: (c) => this.deps.loadDataset(c),
        imported,
        beforeStep: async () => {
          await this.control.gate();
          run.progress.step += 1;
          if (run.progress.due) run.progress.flush();
        },
        schedule: run.hyper.played(),
        teacherSchedule: run.hyper.playedTeacher(),
        steps: (exp) => this.engines.forSeed(exp),
        keep: (index, weights) => {
          run.keepSeed(index, weights);
        },
      });
    } catch (e) {
      if (e instanceof Stopped) return true;
      throw e;
    } finally {
      // Progress posts are throttled: the page gets the last steps too.
      run.progress.flush();
    }
    return false;
  }

  /** What the training loops need of the run. */
  private loop(): LoopContext {
    const { run } = this;
    return {
      runId: run.runId,
      post: this.post,
      gate: () => this.control.gate(),
      progress: run.progress,
      receivePoint: (p) => {
        this.receivePoint(p);
      },
      checkpoint: (exp, resume) =>
        run.checkpoints.save(exp, resume, {
          runId: run.runId,
          post: this.post,
          deviceLost: () => this.control.state.deviceLost,
        }),
      boundaries: run.boundaries,
      steps: run.steps,
      hyper: run.hyper,
      keepTraining: () => run.keepTraining,
    };
  }

  /**
   * Keeps a live point for the next report; a loss that is no longer finite pauses the run where
   * it stands (the gate announces it), so nothing trained so far is lost and the person decides.
   */
  private receivePoint(point: LivePoint): void {
    const { run } = this;
    if (Number.isFinite(point.loss)) {
      run.progress.add(point);
      return;
    }
    if (this.control.state.paused) return;
    this.post({
      type: 'diverged',
      runId: run.runId,
      model: point.model,
      step: run.progress.step,
      epoch: point.epoch,
      loss: String(point.loss),
      learningRate: run.hyper.inForce().learningRate,
    });
    this.control.apply({ type: 'diverged' });
  }

  /** Posts to the page; an arrow, so the loops and helpers can be handed it as it is. */
  private readonly post = (message: FromWorker): void => {
    this.deps.post(message);
  };
}

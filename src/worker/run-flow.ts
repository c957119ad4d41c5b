/**
 * One run from start to end, as the run state machine (run-state.ts) describes it: load data,
 * train or adopt a teacher, cache soft targets, train the students, the other seeds of a repeated
 * run, results; and what a run that threw ends as, including the move to another backend after a
 * lost device.
 */
import type { ExperimentConfig } from '../core/config';
import { Experiment } from '../core/engine/experiment';
import { modelShape } from '../core/backend-choice';
import {
  type BackendReport,
  type FromWorker,
  type SavedRun,
  resumeText,
} from '../protocol/messages';
import type { BackendKeeper } from './backend-keeper';
import { GpuFault } from '../core/engine/fused/limits';
import { errorText } from '../core/error-text';
import type { ImportedTeacher } from '../core/engine/read-teacher';
import { buildExperiment } from '../core/engine/load-teacher';
import { loadSaved, savedTeacher } from './persist';
import { stepsPerSeed, trainOtherSeeds } from './repeats';
import { postLatency } from './ended-run';
import type { Run } from './run';
import type { SessionDeps } from './run-deps';
import { Stopped } from './run-state';
import {
  type TeacherSource,
  adoptTeacher,
  datasetInfo,
  releaseTeacher,
  reusableTeacher,
} from './teacher-source';
import { studentIds } from '../core/students';

/**
 * Drives the run (run.ts) through its life; holds no state of its own, so everything a run has
 * is in its one owner.
 */
export class RunFlow {
  constructor(
    private readonly deps: SessionDeps,
    private readonly backend: BackendKeeper,
    private readonly run: Run,
    /** The last teacher a person imported in this page. */
    private readonly imported: () => ImportedTeacher | null,
  ) {}

  /**
   * Begins the run the owner has next, once the one before it has ended: the backend fitted to its
   * networks, then trained, continued or rebuilt from what was saved; a throw ends it (`afterThrow`).
   */
  async begin(): Promise<void> {
    const { run } = this;
    const next = run.next;
    if (!next) return;
    if (this.backend.fit(modelShape(next.config))) run.drop();
    await this.backend.whenReady();
    run.apply({ type: 'begin' });
    const saved = run.begin();
    try {
      await (saved && !saved.resume ? this.restore(saved) : this.train(saved));
    } catch (e) {
      await this.afterThrow(e);
    }
  }

  /**
   * An ended run brought back: same configuration, so the same data split, with the saved weights;
   * then everything an ended run answers (analysis, latency) as if it had just finished.
   */
  private async restore(saved: SavedRun): Promise<void> {
    const { exp } = await this.prepare(saved);
    await loadSaved(exp, saved);
    const { run } = this;
    if (exp.ready) this.post({ type: 'teacher-imported', runId: run.id, teacher: exp.ready.info });
    // Saved students mean the teacher had finished: its soft targets are formed again.
    if (saved.roles.some((role) => role !== 'teacher')) await exp.finishTeacher();
    run.trains(saved.roles);
    await run.finish();
    run.end(saved.phase);
    await postLatency(run.ended(run.id), this.backend.name, this.deps);
  }

  /** Trains the run from the start, or from the checkpoint `saved.resume` names. */
  private async train(saved?: SavedRun): Promise<void> {
    const { run } = this;
    const { config } = run;
    run.phase('loading');
    const resume = saved?.resume;
    const { exp, teacher } = await this.prepare(saved);
    if (saved) await loadSaved(exp, saved);
    await run.chooseEngine(exp);
    // The models are back; after a recovery the person decides when training goes on.
    run.apply({ type: 'rebuilt' });

    const teacherPerEpoch = exp.teacherPlan.stepsPerEpoch;
    const perEpoch = exp.studentStepsPerEpoch;
    const teacherSteps = teacher === 'train' ? config.teacherEpochs * teacherPerEpoch : 0;
    const studentSteps = config.studentEpochs * perEpoch;
    const teacherFrom =
      resume?.phase === 'teacher' ? resume.epoch * teacherPerEpoch : resume ? teacherSteps : 0;
    const studentFrom = resume?.phase === 'students' ? resume.epoch * perEpoch : 0;
    const otherSeeds = (config.repeats - 1) * stepsPerSeed(exp, teacher === 'imported');
    run.startAt(teacherFrom + studentFrom, teacherSteps + studentSteps + otherSeeds, resume);
    const runId = run.id;
    if (config.repeats > 1) {
      this.post({ type: 'repeat', runId, index: 0, of: config.repeats, seed: config.seed });
    }
    if (exp.ready) {
      this.post({ type: 'teacher-imported', runId, teacher: exp.ready.info });
    } else if (teacher === 'previous') {
      this.post({ type: 'teacher-reused', runId });
    }

    await run.trainOwnSeed(
      exp,
      {
        teacher: teacherFrom < teacherSteps ? { from: teacherFrom, to: teacherSteps } : null,
        students: { from: studentFrom, to: studentSteps },
      },
      {
        enter: async (phase) => {
          if (phase === 'soft-targets') await run.settleMaps(['teacher']);
          run.phase(phase);
          if (phase === 'teacher') run.trains(['teacher']);
          if (phase !== 'students') return;
          await run.gate();
          run.trains(studentIds(config));
        },
        onTeacherRows: async (done, total) => {
          this.post({ type: 'teacher-rows', runId, done, total });
          // Pause and Stop are heard between chunks; a large imported teacher takes a while.
          await run.gate();
        },
      },
    );
    const own = await run.finish();
    if (own)
      this.post({ type: 'seed-result', runId, result: { index: 0, seed: config.seed, ...own } });
    const stopped = await this.trainOtherSeeds(config, exp.ready);
    run.end(stopped ? 'stopped' : 'done');
    if (!stopped) await postLatency(run.ended(run.id), this.backend.name, this.deps);
  }

  /** What a run that threw ends as: stopped, failed, or — after a lost device — moved. */
  private async afterThrow(e: unknown): Promise<void> {
    const { run } = this;
    if (!(e instanceof Stopped)) await this.deps.settleDeviceLoss?.();
    if (run.state.deviceLost) {
      await this.recover();
    } else if (e instanceof Stopped) {
      await run.finish();
      run.end('stopped');
    } else if (e instanceof GpuFault) {
      // The device still works for tfjs's kernels: the fused ones stay off in this worker.
      run.faulted();
      run.apply({ type: 'end', how: 'failed' });
      const last = run.lastCheckpoint;
      const kept = last
        ? `What was trained up to ${resumeText(last)} is kept`
        : 'No checkpoint had been saved, so nothing was kept';
      const message = `${e.message} ${kept}; from now on this page trains on tfjs's WebGPU kernels.`;
      this.post({ type: 'error', runId: run.id, message, fusedFault: true });
    } else {
      run.apply({ type: 'end', how: 'failed' });
      this.post({ type: 'error', runId: run.id, message: errorText(e) });
    }
  }

  /**
   * After a lost device: another backend, the models rebuilt from the last checkpoint (from the
   * start without one), and the run paused there for the person to resume.
   */
  private async recover(): Promise<void> {
    const { run } = this;
    run.apply({ type: 'recover' });
    try {
      run.drop();
    } catch {
      // Its tensors lived on the lost device (`drop` has let go of them anyway).
    }
    const runId = run.id;
    let backend: BackendReport;
    try {
      backend = await this.backend.reselect(modelShape(run.config));
    } catch (e) {
      run.apply({ type: 'end', how: 'failed' });
      this.post({ type: 'error', runId, message: `No backend is left: ${errorText(e)}` });
      return;
    }
    this.post({ type: 'recovered', runId, resume: run.lastCheckpoint, backend: backend.name });
    try {
      await this.train(run.savedRun());
    } catch (e) {
      await this.afterThrow(e);
    }
  }

  /**
   * The experiment of `config` on its dataset, announced to the page. Its teacher may come ready:
   * an imported one (saved with the run being restored, or the last one imported when the run
   * asked for it), else the previous run's finished teacher when `config` trains the same teacher
   * on the same data and no checkpoint is being resumed.
   */
  private async prepare(saved?: SavedRun): Promise<{ exp: Experiment; teacher: TeacherSource }> {
    const { run } = this;
    const { config } = run;
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
    let exp: Experiment;
    try {
      const dataset = await this.deps.loadDataset(config);
      await run.gate();
      exp = await buildExperiment(dataset, config, imported);
    } catch (e) {
      if (teacher) releaseTeacher(teacher);
      throw e;
    }
    const { ready } = exp;
    run.adopt(exp);
    this.post({ type: 'dataset', runId: run.id, info: datasetInfo(exp) });
    run.mapBoundaries();
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
    run.phase('repeats');
    run.trains([]);
    try {
      await trainOtherSeeds(config, {
        runId: run.id,
        post: this.post,
        loadDataset: (c) => this.deps.loadDataset(c),
        imported,
        ...run.otherSeeds(),
      });
    } catch (e) {
      if (e instanceof Stopped) return true;
      throw e;
    } finally {
      // Progress posts are throttled: the page gets the last steps too.
      run.flushProgress();
    }
    return false;
  }

  /** Posts to the page; an arrow, so helpers can be handed it as it is. */
  private readonly post = (message: FromWorker): void => {
    this.deps.post(message);
  };
}

/**
 * A run's checkpoints: its models saved under the run's key at every epoch end, so it can continue
 * after a reload, a lost device or a dead worker; and the saving of an ended run's models.
 */
import type { Experiment } from '../core/engine/experiment';
import type { ExperimentConfig } from '../core/config';
import { studentIds } from '../core/students';
import { type FromWorker, type Resume, type SavedRun, checkpointRoles } from '../protocol/messages';
import { errorText } from '../core/error-text';
import { trainedRoles } from '../core/engine/headless';
import { saveModels } from './persist';
import { DeviceLost } from './run-state';

type Post = (message: FromWorker) => void;

export class Checkpoints {
  #last: Resume | null;
  /** A save failed (storage refused or full): the run goes on without checkpoints. */
  private failed = false;
  /** The teacher is in the checkpoint already, so student checkpoints skip it. */
  private teacherSaved = false;
  /** The key whose last checkpoint holds the completed run's final models. */
  private completeUnder: string | null = null;

  /** `key`: where the run's models go; null for none. `last`: a checkpoint it continues from. */
  constructor(
    readonly key: string | null,
    last: Resume | null,
  ) {
    this.#last = last;
  }

  /** The last epoch end whose models reached storage. */
  get last(): Resume | null {
    return this.#last;
  }

  /** Training (re)starts from `resume`: saves are tried again; a students' resume has its teacher. */
  begin(resume: Resume | undefined): void {
    this.failed = false;
    this.teacherSaved = resume?.phase === 'students';
  }

  /**
   * Saves the models at an epoch end. A refusal is said once and the run goes on in memory; a
   * failure because the device went away stops the run so it can move elsewhere.
   */
  async save(
    exp: Experiment,
    resume: Resume,
    run: { runId: number; post: Post; deviceLost: () => boolean },
  ): Promise<void> {
    const { key } = this;
    if (!key || this.failed) return;
    const roles =
      resume.phase === 'students' && this.teacherSaved
        ? studentIds(exp.config)
        : checkpointRoles(resume, exp.config);
    try {
      await saveModels(exp, key, roles);
    } catch (e) {
      if (run.deviceLost()) throw new DeviceLost();
      this.failed = true;
      run.post({
        type: 'error',
        runId: run.runId,
        scope: 'persist',
        message: `Checkpoints could not be saved in this browser (${errorText(e)}): the run goes on in memory, but cannot continue after a reload or a crash.`,
      });
      return;
    }
    this.teacherSaved = true;
    this.#last = resume;
    run.post({ type: 'checkpoint', runId: run.runId, resume });
  }

  /** The run completed after `epochs` student epochs: its last checkpoint may hold its final models. */
  completed(epochs: number): void {
    if (this.last?.phase === 'students' && this.last.epoch === epochs)
      this.completeUnder = this.key;
  }

  /** Where a run moved after a lost device continues from: its last checkpoint, if any. */
  savedRun(config: ExperimentConfig): SavedRun | undefined {
    const { key, last } = this;
    return last && key
      ? { key, roles: checkpointRoles(last, config), phase: 'stopped', resume: last }
      : undefined;
  }

  /** Saves an ended run's models under the Runs list's `key`, unless the checkpoint holds them. */
  async persist(exp: Experiment, key: string, runId: number, post: Post): Promise<void> {
    if (key === this.completeUnder) return;
    try {
      await saveModels(exp, key, trainedRoles(exp));
    } catch (e) {
      post({
        type: 'error',
        runId,
        scope: 'persist',
        message: `The trained models could not be saved in this browser (${errorText(e)}); they stay usable until the next run.`,
      });
    }
  }
}

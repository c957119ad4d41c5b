/**
 * The one owner of a run while it lives — id, phase (run-state.ts's machine, moved by RunControl),
 * experiment, engine (and the GPU fault that keeps the fused kernels off), schedule as played,
 * progress, checkpoints, boundary maps, models in training, kept seeds — as private state changed
 * only through the named transitions below; `begin` resets it at once. run-flow.ts drives it.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config';
import type { SeedHooks } from '../core/engine/driver';
import type { Experiment } from '../core/engine/experiment';
import { trainedRoles } from '../core/engine/headless';
import type { EngineChoice } from '../core/engine/fused/engine-choice';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { StepSettings } from '../core/schedule';
import type { ModelId, Resume, SavedRun } from '../protocol/messages';
import { BoundaryTracker } from './boundaries';
import { Checkpoints } from './checkpoints';
import type { EndedRun } from './ended';
import { postResults } from './ended-run';
import { LiveSchedule } from './live-schedule';
import { NO_STEPS } from './no-steps';
import { Progress } from './progress';
import { RunControl } from './run-control';
import { RunEngines } from './run-engines';
import type { RunEvent, RunMachine } from './run-state';
import type { TrainingPhase } from '../protocol/phases';
import { type SeedRange, trainPageSeed } from './run-hooks';
import { KeptSeeds } from './seed-weights';
import { type RunFeed, runFeed } from './repeats';
import type { RunDeps } from './run-deps';
import { type RunRequest, RunRequests } from './run-requests';

export class Run {
  #id = 0;
  #config: ExperimentConfig = DEFAULT_CONFIG;
  readonly #requests = new RunRequests();
  #experiment: Experiment | null = null;
  #schedule = new LiveSchedule(DEFAULT_CONFIG);
  #progress = Progress.idle();
  #checkpoints = new Checkpoints(null, null);
  #steps: TrainingSteps = NO_STEPS;
  #boundaries: BoundaryTracker | null = null;
  #training: readonly ModelId[] = [];
  #keepTraining = false;
  #useImported = false;
  /** A repeated run's finished seeds, as weights, and which one the experiment holds. */
  readonly #seeds = new KeptSeeds((c) => this.deps.loadDataset(c));
  readonly #control: RunControl;
  readonly #engines: RunEngines;

  constructor(private readonly deps: RunDeps) {
    const runId = () => this.#id;
    this.#control = new RunControl({
      post: deps.post,
      yieldToEventLoop: () => deps.yieldToEventLoop(),
      runId,
      beforePause: () => {
        this.#progress.flush();
      },
    });
    this.#engines = new RunEngines(deps, () => this.#control.state.stopRequested, runId);
  }

  get id(): number {
    return this.#id;
  }
  get config(): ExperimentConfig {
    return this.#config;
  }
  /** The start that begins next, if one is waiting. */
  get next(): RunRequest | undefined {
    return this.#requests.next;
  }
  get experiment(): Experiment | null {
    return this.#experiment;
  }
  /** Where the run stands in its state machine. */
  get state(): RunMachine {
    return this.#control.state;
  }
  /** The run distils from the last imported teacher. */
  get useImported(): boolean {
    return this.#useImported;
  }
  /** The last epoch end whose models reached storage. */
  get lastCheckpoint(): Resume | null {
    return this.#checkpoints.last;
  }

  /**
   * A start from the page, queued until the run before it has ended. A Train's teacher source and
   * Keep training hold from now on, as a later Keep training switch does.
   */
  enqueue(start: RunRequest): void {
    this.#requests.push(start);
    if (start.type !== 'start') return;
    this.#useImported = start.importedTeacher === true;
    this.#keepTraining = start.keepTraining === true;
  }

  setKeepTraining(on: boolean): void {
    this.#keepTraining = on;
  }

  /** A settings change from the page, applied at the next step (run-hooks.ts). */
  requestSettings(patch: Partial<StepSettings>): void {
    this.#schedule.request(patch);
  }

  /** Moves the run's state machine (pause, resume, stop, a lost device, start, begin …). */
  apply(event: RunEvent): void {
    this.#control.apply(event);
  }

  /** Enters a training phase and tells the page. */
  phase(phase: TrainingPhase): void {
    this.#control.phase(phase);
  }

  /** Ends the run as done or stopped and tells the page. */
  end(how: 'done' | 'stopped'): void {
    this.#control.end(how);
  }

  /** Awaited before every step: pauses there, throws to end the run. */
  gate(): Promise<void> {
    return this.#control.gate();
  }

  /**
   * Begins the next requested run: resets what belongs to one run (the experiment stays until
   * replaced). Returns the saved run it rebuilds or continues, if any.
   */
  begin(): SavedRun | undefined {
    const { runId, config, saved, checkpoints } = this.#requests.take();
    this.#id = runId;
    this.#config = config;
    this.#checkpoints = checkpoints;
    this.#schedule = new LiveSchedule(config);
    this.#seeds.clear();
    this.#progress = new Progress(runId, this.deps.post, () => this.deps.now());
    return saved;
  }

  /** Makes `exp` the run's experiment, dropping the one before. */
  adopt(exp: Experiment): void {
    this.drop();
    this.#experiment = exp;
  }

  /** Starts the experiment's decision-boundary maps, if it has two features to map. */
  mapBoundaries(): void {
    const exp = this.#experiment;
    if (exp?.dataset.features !== 2 || this.deps.mapBoundaries === false) return;
    const sync = (roles: readonly ModelId[]) => this.sync(roles);
    const { post } = this.deps;
    this.#boundaries = BoundaryTracker.start(exp, this.#id, post, () => this.deps.now(), sync);
  }

  /** Chooses the experiment's engine (said to the page) and trains on it from now on. */
  async chooseEngine(exp: Experiment): Promise<void> {
    const steps = await this.#engines.forRun(exp);
    this.#steps.dispose();
    this.#steps = steps;
  }

  /** A sweep's engine: chosen as the run's were (a GPU fault holds), without tuning. */
  sweepEngine(exp: Experiment): Promise<EngineChoice> {
    return this.#engines.choose(exp, false);
  }

  /** A GPU error ended the run on the fused kernels: every later choice takes tfjs's. */
  faulted(): void {
    this.#engines.faulted();
  }

  /** The models the phase now starting trains (their maps are refreshed as it goes). */
  trains(models: readonly ModelId[]): void {
    this.#training = [...models];
  }

  /** Training (re)starts at step `step` of `totalSteps`, from checkpoint `resume` if any. */
  startAt(step: number, totalSteps: number, resume: Resume | undefined): void {
    this.#progress.startAt(step, totalSteps);
    this.#checkpoints.begin(resume);
  }

  /** Trains the run's own seed over `range` with the page's hooks (run-hooks.ts) and the flow's. */
  async trainOwnSeed(
    exp: Experiment,
    range: SeedRange,
    hooks: Pick<SeedHooks, 'enter' | 'onTeacherRows'>,
  ): Promise<void> {
    const { post } = this.deps;
    const ctx = {
      runId: this.#id,
      post,
      control: this.#control,
      progress: this.#progress,
      boundaries: this.#boundaries,
      steps: this.#steps,
      schedule: this.#schedule,
      keepTraining: () => this.#keepTraining,
      checkpoint: (resume: Resume) => {
        const deviceLost = () => this.#control.state.deviceLost;
        return this.#checkpoints.save(exp, resume, { runId: this.#id, post, deviceLost });
      },
    };
    const epochs = await trainPageSeed(exp, range, ctx, hooks);
    // Its last checkpoint may hold its final models.
    this.#checkpoints.completed(epochs);
  }

  /** What the other seeds take from the run (repeats.ts). */
  otherSeeds(): RunFeed {
    const steps = (exp: Experiment) => this.#engines.forSeed(exp);
    return runFeed(this.#control, this.#progress, this.#schedule, steps, this.#seeds);
  }

  /** Posts progress now (the other seeds' last steps, which the throttle held back). */
  flushProgress(): void {
    this.#progress.flush();
  }

  /** The maps of the phase that just ended, made final. */
  async settleMaps(roles: readonly ModelId[]): Promise<void> {
    await this.#boundaries?.settle(roles);
  }

  /**
   * Releases the experiment's tensors, engine and boundary maps. After a lost device releasing may
   * throw (the tensors lived there): letting go of them is all that matters then.
   */
  drop(): void {
    try {
      this.#steps.dispose();
      this.#boundaries?.dispose();
      this.#experiment?.dispose();
    } finally {
      this.#steps = NO_STEPS;
      this.#boundaries = null;
      this.#experiment = null;
    }
  }

  /** Where a run moved after a lost device continues from: its last checkpoint, if any. */
  savedRun(): SavedRun | undefined {
    return this.#checkpoints.savedRun(this.#config);
  }

  /** Saves the ended run's models under the Runs list's `key`, unless its checkpoint holds them. */
  async persist(ended: EndedRun, key: string): Promise<void> {
    await this.#checkpoints.persist(ended.experiment, key, ended.runId, this.deps.post);
  }

  /**
   * Run `runId` if it has ended and its models are still here (nothing changes them) — with seed
   * `seed`'s weights kept too, when one is named — else null.
   */
  ended(runId: number, seed?: number): EndedRun | null {
    const exp = this.#experiment;
    if (!this.#control.state.final || runId !== this.#id || !exp) return null;
    if (seed !== undefined && !this.#seeds.has(seed)) return null;
    const { learningRate } = this.#schedule.inForce();
    return { runId, experiment: exp, learningRate, otherSeeds: this.#seeds.besides(exp) };
  }

  /**
   * The models are final: the tfjs models take the trained weights, measured on the engine that
   * trained them (`settle`); maps, summary and analysis follow. Returns the students' results.
   */
  async finish(): ReturnType<typeof postResults> {
    this.#control.apply({ type: 'final' });
    const exp = this.#experiment;
    const refs = exp ? this.#training.map((role) => exp.ref(role)) : [];
    await this.#steps.sync(refs);
    await this.#steps.settle(refs);
    this.#progress.flush();
    if (!exp) return null;
    const ended = { runId: this.#id, experiment: exp };
    return postResults(ended, this.deps.post, () => this.settleMaps(this.#training));
  }

  /** Makes seed `index` of the ended repeated run the one studied (seed-weights.ts); false: no change. */
  async studySeed(index: number): Promise<boolean> {
    const current = this.#experiment;
    const exp = current && (await this.#seeds.study(current, index));
    if (!exp) return false;
    this.adopt(exp);
    this.deps.post({ type: 'studied', runId: this.#id, index, seed: exp.config.seed });
    this.mapBoundaries();
    this.trains(trainedRoles(exp));
    return true;
  }

  /** The experiment's tfjs models take the weights the engine trained for `roles`. */
  private sync(roles: readonly ModelId[]): Promise<void> {
    const exp = this.#experiment;
    return exp ? this.#steps.sync(roles.map((role) => exp.ref(role))) : Promise.resolve();
  }
}

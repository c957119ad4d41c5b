import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import type { Experiment } from '../core/engine/experiment';
import { summarize, trainedRoles } from '../core/engine/headless';
import { studentComparisons } from '../core/engine/roster-report';
import type { EngineChoice } from '../core/engine/engine-choice';
import type { SweepRequest } from '../protocol/analysis';
import type { BackendName, FromWorker, ModelId, SeedResult } from '../protocol/messages';
import { BoundaryTracker } from './boundaries';
import { Checkpoints } from './checkpoints';
import { errorText } from '../core/error-text';
import { postAnalysis, postLatency, postSweep } from './finished-run';
import { LiveSchedule } from './live-schedule';
import { NO_STEPS } from './no-steps';
import type { TrainingSteps } from '../core/engine/training-steps';
import { Progress } from './progress';
import type { RunControl } from './run-control';
import { type SeedWeights, readWeights, rebuildSeed } from './seed-weights';

export interface CurrentRunDeps {
  /** `transfer` lists buffers that move to the page instead of being copied (boundary maps). */
  post: (message: FromWorker, transfer?: Transferable[]) => void;
  now(): number;
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
  yieldToEventLoop(): Promise<void>;
  /** The WebGPU device training runs on, for the fused kernels; null off WebGPU. */
  gpuDevice?(): GPUDevice | null;
  /**
   * False: no decision-boundary maps even on 2-D data. The benchmark's memory run counts tensors
   * at epoch ends, and a map read in flight would be counted there.
   */
  mapBoundaries?: boolean;
}

/** A run's results: its models' final numbers and, once both students exist, their comparison. */
export type RunResults = Omit<SeedResult, 'index' | 'seed'>;

/**
 * The latest run's experiment and everything that belongs to it (live schedule, progress,
 * checkpoints, boundary maps, a repeated run's kept seeds), with the services an ended run answers:
 * results, analysis, latency, another seed to study, a sweep. One object, so a new run resets it
 * all at once (`begin`) and nothing of the previous run leaks into it.
 */
export class CurrentRun {
  // Written only here: the worker's other modules read them and ask for changes by name.
  #experiment: Experiment | null = null;
  #runId = 0;
  #hyper = new LiveSchedule(DEFAULT_CONFIG);
  #progress = new Progress(
    0,
    () => undefined,
    () => 0,
  );
  #checkpoints = new Checkpoints(null, null);
  #steps: TrainingSteps = NO_STEPS;
  #boundaries: BoundaryTracker | null = null;
  #training: readonly ModelId[] = [];
  #keepTraining = false;
  #useImported = false;
  #sweepCancelled = false;
  /** A repeated run's finished seeds, by index, as weights; the experiment holds seed `studied`. */
  private seedWeights = new Map<number, SeedWeights>();
  private studied = 0;

  get experiment(): Experiment | null {
    return this.#experiment;
  }
  get runId(): number {
    return this.#runId;
  }
  /** T, α and learning rate: the run's schedule and the page's live changes. */
  get hyper(): LiveSchedule {
    return this.#hyper;
  }
  get progress(): Progress {
    return this.#progress;
  }
  get checkpoints(): Checkpoints {
    return this.#checkpoints;
  }
  /** How the experiment's steps are taken: the tfjs engine or the fused kernels. */
  get steps(): TrainingSteps {
    return this.#steps;
  }
  /** Decision-boundary maps of a 2-D dataset's run. */
  get boundaries(): BoundaryTracker | null {
    return this.#boundaries;
  }
  /** The models the current phase trains, whose maps are refreshed as it goes. */
  get training(): readonly ModelId[] {
    return this.#training;
  }
  /** The students go on past their epochs until Stop. */
  get keepTraining(): boolean {
    return this.#keepTraining;
  }
  /** The run distils from the last imported teacher. */
  get useImported(): boolean {
    return this.#useImported;
  }

  /** The models the phase now starting trains. */
  trains(models: readonly ModelId[]): void {
    this.#training = [...models];
  }

  /** What a Train asked for, before the run begins: its teacher's source and Keep training. */
  request(options: { useImported: boolean; keepTraining: boolean }): void {
    this.#useImported = options.useImported;
    this.#keepTraining = options.keepTraining;
  }

  setKeepTraining(on: boolean): void {
    this.#keepTraining = on;
  }

  /** Cancel (or a new start): the queued sweep stops at its next cell. */
  cancelSweep(): void {
    this.#sweepCancelled = true;
  }

  constructor(
    private readonly deps: CurrentRunDeps,
    private readonly control: RunControl,
  ) {}

  /** Resets what belongs to one run for run `runId` of `config`; the experiment stays until replaced. */
  begin(runId: number, config: ExperimentConfig, checkpoints: Checkpoints): void {
    this.#runId = runId;
    this.#hyper = new LiveSchedule(config);
    this.seedWeights = new Map();
    this.studied = 0;
    this.#progress = new Progress(runId, this.deps.post, () => this.deps.now());
    this.#checkpoints = checkpoints;
  }

  /** Makes `exp` the run's experiment, dropping the one before. */
  adopt(exp: Experiment): void {
    this.drop();
    this.#experiment = exp;
  }

  /** Trains the experiment with `steps` from now on; the maps read the weights they train. */
  useSteps(steps: TrainingSteps): void {
    this.#steps.dispose();
    this.#steps = steps;
    if (this.#boundaries) this.#boundaries.beforeRead = (roles) => this.sync(roles);
  }

  /** The experiment's tfjs models take the weights the engine trained for `roles`. */
  private sync(roles: readonly ModelId[]): Promise<void> {
    const exp = this.experiment;
    return exp ? this.steps.sync(roles.map((role) => exp.ref(role))) : Promise.resolve();
  }

  /** Starts the experiment's decision-boundary maps, if it has two features to map. */
  watchBoundaries(): void {
    const exp = this.experiment;
    if (exp?.dataset.features !== 2 || this.deps.mapBoundaries === false) return;
    const now = () => this.deps.now();
    this.#boundaries = BoundaryTracker.start(exp, this.runId, this.deps.post, now);
  }

  /**
   * Releases the experiment's tensors and its boundary maps. After a lost device releasing may
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

  keepSeed(index: number, weights: SeedWeights): void {
    this.seedWeights.set(index, weights);
  }

  hasSeed(index: number): boolean {
    return this.seedWeights.has(index);
  }

  /**
   * The experiment of run `runId` if that run has ended and its models are still here, else null.
   * Reading them while its latency is being measured is fine: nothing changes them any more.
   */
  ended(runId: number): Experiment | null {
    return this.control.state.final && runId === this.runId ? this.experiment : null;
  }

  /**
   * Summary, then the analysis the lens, confusion and size views need. Returns the summary once
   * both students exist.
   */
  async postResults(): Promise<RunResults | null> {
    this.control.apply({ type: 'final' });
    // The tfjs models are the record the summary, analysis and exports read.
    await this.sync(this.training);
    const summary = await this.postSummary();
    const exp = this.experiment;
    if (!exp) return null;
    // The phase that just ended (or was stopped); an earlier phase's maps are already final.
    await this.boundaries?.settle(this.training);
    await postAnalysis(exp, this.runId, this.deps.post);
    return summary;
  }

  /** Inference latency of every trained model on `backend`. */
  async postLatency(backend: BackendName | null): Promise<void> {
    const exp = this.experiment;
    if (!exp || !backend) return;
    await postLatency(exp, this.runId, backend, () => this.deps.now(), this.deps.post);
  }

  /**
   * Makes seed `index` of the ended repeated run the one its analysis, exports, sweeps and latency
   * study: its experiment rebuilt from its seed and kept weights (the current seed's are kept
   * first, so a person can switch back).
   */
  async studySeed(index: number, backend: () => BackendName | null): Promise<void> {
    const current = this.experiment;
    const weights = this.seedWeights.get(index);
    if (!current || !weights || index === this.studied) return;
    try {
      if (!this.seedWeights.has(this.studied)) {
        this.seedWeights.set(this.studied, await readWeights(current));
      }
      const load = (c: ExperimentConfig) => this.deps.loadDataset(c);
      const exp = await rebuildSeed(current, this.studied, index, weights, load);
      this.adopt(exp);
      this.studied = index;
      this.deps.post({ type: 'studied', runId: this.runId, index, seed: exp.config.seed });
      this.watchBoundaries();
      this.trains(trainedRoles(exp));
      await this.postResults();
      await this.postLatency(backend());
    } catch (e) {
      this.deps.post({
        type: 'error',
        runId: this.runId,
        scope: 'analysis',
        message: `Seed ${index + 1}'s models could not be rebuilt: ${errorText(e)}`,
      });
    }
  }

  /**
   * A T × α sweep on the ended run's soft targets, or null (after saying why) when there are none.
   * `engine` chooses its engine as the run's were chosen (a GPU fault holds for it too). The caller
   * queues it like a run, so a new start waits for it.
   */
  sweep(
    request: SweepRequest,
    engine: (exp: Experiment) => Promise<EngineChoice>,
  ): (() => Promise<void>) | null {
    const exp = this.ended(request.runId);
    if (!exp?.hasSoftTargets) {
      const message = 'The sweep needs a finished teacher: train one first.';
      this.deps.post({ type: 'sweep-end', sweepId: request.sweepId, outcome: 'error', message });
      return null;
    }
    this.#sweepCancelled = false;
    const deps = {
      post: this.deps.post,
      yieldToEventLoop: () => this.deps.yieldToEventLoop(),
      cancelled: () => this.#sweepCancelled,
      learningRate: this.hyper.inForce().learningRate,
      steps: async (sweep: Experiment) => {
        const { steps, reason } = await engine(sweep);
        if (this.deps.gpuDevice?.()) {
          const { sweepId } = request;
          this.deps.post({ type: 'sweep-engine', sweepId, engine: steps.engine, reason });
        }
        return steps;
      },
    };
    return () => postSweep(exp, request, deps);
  }

  /**
   * Final test metrics of whatever has been trained, so Stop keeps a complete table, and the two
   * students compared row by row once both exist. Returns them then, else null.
   */
  private async postSummary(): Promise<RunResults | null> {
    const exp = this.experiment;
    if (!exp) return null;
    this.progress.flush();
    const { models, students } = await summarize(exp);
    const { runId } = this;
    // A list of its own compares each student with its references (scratch twin, label-smoothing
    // student, the teacher for a student of its shape); the default pair keeps its one sentence.
    const comparisons = students && exp.config.students ? await studentComparisons(exp) : undefined;
    this.deps.post({
      type: 'summary',
      runId,
      models,
      ...(students ? { students } : {}),
      ...(comparisons ? { comparisons } : {}),
    });
    return students ? { models, students } : null;
  }
}

/**
 * The Transfer panel's study: the ended run's trained models carried to a target task
 * (core/engine/transfer-run.ts), queued and cancelled as a sweep is, on the engine a sweep gets.
 * A repeated run transfers every seed it holds (the studied one, then the others rebuilt from
 * their kept weights), so the page's figures are means over seeds with intervals.
 */
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import type { Experiment } from '../core/engine/experiment';
import type { EndedRun } from './ended';
import { runTransfer } from '../core/engine/transfer-run';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { TransferSeed } from '../core/transfer';
import type { TransferSweepRequest } from '../protocol/analysis';

export interface TransferStudyDeps {
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
  yieldToEventLoop(): Promise<void>;
  cancelled(): boolean;
  /** Epochs finished over every seed, of all the seeds' epochs. */
  onEpoch(epoch: number, epochs: number): void;
  steps(exp: Experiment): Promise<TrainingSteps>;
  /** Seed `index` (0: the one studied) of `of` has transferred. */
  onResult(result: TransferSeed, index: number, of: number): void;
}

/** Thrown at the gate when the person cancels: the target's students are discarded. */
class Cancelled extends Error {}

/** Trains the transfer on every seed; false when cancelled. Each seed reports once trained. */
export async function runTransferStudy(
  ended: Pick<EndedRun, 'experiment' | 'otherSeeds'>,
  request: TransferSweepRequest,
  deps: TransferStudyDeps,
): Promise<boolean> {
  const { target, labels, epochs, mode } = request;
  const of = 1 + ended.otherSeeds.count;
  let index = 0;
  const one = async (exp: Experiment): Promise<boolean> => {
    // The target drawn as a run on it would be: its own split from the seed.
    const csv = request.csv ? { csv: request.csv } : {};
    const data = await deps.loadDataset({ ...exp.config, dataset: target, ...csv });
    const done = index * epochs;
    try {
      const result = await runTransfer(
        exp,
        data,
        { target, labels, epochs, mode, ...csv },
        {
          steps: (e) => deps.steps(e),
          gate: async () => {
            await deps.yieldToEventLoop();
            if (deps.cancelled()) throw new Cancelled();
          },
          onEpoch: (epoch) => {
            deps.onEpoch(done + epoch, of * epochs);
          },
        },
      );
      deps.onResult(result, index++, of);
      return true;
    } catch (e) {
      if (e instanceof Cancelled) return false;
      throw e;
    }
  };
  return (await one(ended.experiment)) && ended.otherSeeds.each(one);
}

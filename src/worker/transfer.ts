/**
 * The Transfer panel's study: the ended run's trained models carried to a target task
 * (core/engine/transfer-run.ts), queued and cancelled as a sweep is, on the engine a sweep gets.
 */
import type { ExperimentConfig } from '../core/config';
import type { Dataset } from '../core/data/dataset';
import type { Experiment } from '../core/engine/experiment';
import { runTransfer } from '../core/engine/transfer-run';
import type { TrainingSteps } from '../core/engine/training-steps';
import type { TransferSeed } from '../core/transfer';
import type { TransferSweepRequest } from '../protocol/analysis';

export interface TransferStudyDeps {
  loadDataset(config: ExperimentConfig): Promise<Dataset>;
  yieldToEventLoop(): Promise<void>;
  cancelled(): boolean;
  onEpoch(epoch: number, epochs: number): void;
  steps(exp: Experiment): Promise<TrainingSteps>;
  onResult(result: TransferSeed): void;
}

/** Thrown at the gate when the person cancels: the target's students are discarded. */
class Cancelled extends Error {}

/** Trains the transfer; false when cancelled. The figures are reported once all have trained. */
export async function runTransferStudy(
  exp: Experiment,
  request: TransferSweepRequest,
  deps: TransferStudyDeps,
): Promise<boolean> {
  const { target, labels, epochs, mode } = request;
  // The target drawn as a run on it would be: its own split from the run's seed.
  const data = await deps.loadDataset({ ...exp.config, dataset: target });
  try {
    const result = await runTransfer(
      exp,
      data,
      { target, labels, epochs, mode },
      {
        steps: (e) => deps.steps(e),
        gate: async () => {
          await deps.yieldToEventLoop();
          if (deps.cancelled()) throw new Cancelled();
        },
        onEpoch: (epoch, of) => {
          deps.onEpoch(epoch, of);
        },
      },
    );
    deps.onResult(result);
    return true;
  } catch (e) {
    if (e instanceof Cancelled) return false;
    throw e;
  }
}

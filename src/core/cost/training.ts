/**
 * What training a model cost: the examples it saw, its arithmetic, its time in the worker and its
 * estimated energy (`energy.ts`). The arithmetic is counted, the time measured, the energy
 * estimated; the page and the JSON say which is which.
 */
import { type EnergyRange, trainingEnergy } from './energy';

export interface TrainingCost {
  /** Adam steps taken. */
  steps: number;
  /** Examples seen: a step's batch each, an epoch's last batch short. */
  samples: number;
  /**
   * Seconds in the worker for those steps, pauses excluded (each epoch's test evaluation
   * included); null where this run did not time all of them (a teacher reused from an earlier
   * run, a run continued from a checkpoint). Students train in lockstep: they share their time.
   */
  seconds: number | null;
  /** Floating-point operations: two a multiply–add. */
  flops: number;
  /** Estimated, not measured. */
  energyJ: EnergyRange;
}

/** Examples a plan over `pool` rows in batches of `batch` hands out in its first `steps` steps. */
export function rowsSeen(pool: number, batch: number, steps: number): number {
  const perEpoch = Math.ceil(pool / batch);
  const epochs = Math.floor(steps / perEpoch);
  const rest = steps - epochs * perEpoch;
  return epochs * pool + Math.min(pool, rest * batch);
}

/** The cost of `steps` steps over `pool` rows of a network of `trainingMacs` per example. */
export function trainingCost(network: {
  trainingMacs: number;
  parameters: number;
  pool: number;
  batch: number;
  steps: number;
  seconds: number | null;
}): TrainingCost {
  const { trainingMacs, parameters, pool, batch, steps, seconds } = network;
  const samples = rowsSeen(pool, batch, steps);
  return {
    steps,
    samples,
    seconds,
    flops: 2 * trainingMacs * samples,
    energyJ: trainingEnergy(trainingMacs, samples, parameters, steps),
  };
}

import { create } from 'zustand';
import type { SweepCell, SweepRequest, SweepSize, UnnumberedSweep } from '../protocol/analysis';
import type { TransferSeed } from '../core/transfer';
import type { FromWorker, TrainingEngine } from '../protocol/messages';

export interface SweepState {
  request: SweepRequest;
  /** Finished cells, in the order the worker trained them (T-major). */
  cells: SweepCell[];
  /** A capacity sweep's finished networks, in the list's order. */
  sizes: SweepSize[];
  /** A transfer's figures, one per seed as each finishes (the seed studied first). */
  transfers: TransferSeed[];
  /** How many seeds the transfer trains, once the first has finished. */
  seeds?: number;
  status: 'running' | 'done' | 'cancelled' | 'error';
  /** Epochs the students training together have finished (a transfer's: over every seed). */
  epoch: number;
  /** Of how many, once the worker has said (a transfer's count every seed's). */
  epochs?: number;
  message?: string;
  /** On WebGPU, the engine the cells train on and why it is not the fused one (a GPU fault). */
  engine?: { engine: TrainingEngine; reason: string | null };
  /** Index into `cells` of the cell whose curves are shown. */
  selected: number | null;
}

interface SweepStore {
  sweep: SweepState | null;
  begin: (request: UnnumberedSweep) => SweepRequest;
  select: (index: number) => void;
  receive: (message: FromWorker) => void;
}

/** One counter for both stores: each drops the other's messages by their ids. */
let nextSweepId = 1;

/**
 * A store for one kind of study on the ended run: the Sweep panel's (T × α, student size) and the
 * Transfer panel's each keep their own, so one's results stay while the other runs.
 */
const sweepStore = () =>
  create<SweepStore>()((set) => ({
    sweep: null,
    begin: (partial) => {
      const request: SweepRequest = { ...partial, sweepId: nextSweepId++ };
      set({
        sweep: {
          request,
          cells: [],
          sizes: [],
          transfers: [],
          status: 'running',
          epoch: 0,
          selected: null,
        },
      });
      return request;
    },
    select: (index) => {
      set((s) => (s.sweep ? { sweep: { ...s.sweep, selected: index } } : {}));
    },
    receive: (message) => {
      set((s) => {
        const sweep = s.sweep;
        const sweepMessage =
          message.type === 'sweep-cell' ||
          message.type === 'sweep-size' ||
          message.type === 'sweep-transfer' ||
          message.type === 'sweep-end' ||
          message.type === 'sweep-engine' ||
          message.type === 'sweep-epoch';
        if (!sweepMessage) return {};
        // A message of an older sweep is stale.
        if (!sweep || sweep.request.sweepId !== message.sweepId) return {};
        if (message.type === 'sweep-engine') {
          const { engine, reason } = message;
          return { sweep: { ...sweep, engine: { engine, reason } } };
        }
        if (message.type === 'sweep-epoch') {
          return { sweep: { ...sweep, epoch: message.epoch, epochs: message.epochs } };
        }
        if (message.type === 'sweep-cell') {
          return { sweep: { ...sweep, cells: [...sweep.cells, message.cell] } };
        }
        if (message.type === 'sweep-size') {
          return { sweep: { ...sweep, sizes: [...sweep.sizes, message.size] } };
        }
        if (message.type === 'sweep-transfer') {
          const transfers = [...sweep.transfers, message.result];
          return { sweep: { ...sweep, transfers, seeds: message.of } };
        }
        return { sweep: { ...sweep, status: message.outcome, message: message.message } };
      });
    },
  }));

export const useSweepStore = sweepStore();
export const useTransferStore = sweepStore();

/** The finished cell at temperature `t` and alpha `a`, if any. */
export function cellAt(sweep: SweepState, t: number, a: number): number {
  return sweep.cells.findIndex((c) => c.temperature === t && c.alpha === a);
}

/**
 * The commands the worker answers beside its training session: the benchmark page's run, CSV
 * uploads, the PyTorch export and the end-to-end tests' faults. None touches a run.
 */
import type { ExperimentConfig } from '../core/config';
import type { BenchRequest } from './bench';

/** What an uploaded CSV turned out to hold, before its label column is chosen. */
export interface CsvColumns {
  name: string;
  columns: string[];
  rows: number;
  hasHeader: boolean;
}

/** Which uploaded CSV: the one runs train on, or a transfer's target. */
export type CsvSlot = 'run' | 'transfer';

/** Faults the end-to-end tests inject (page URL `?testHooks`): a lost GPU device, a crash. */
export type InjectedFault = 'destroy-device' | 'gpu-error' | 'throw';

export type BesideSession =
  | { type: 'bench'; request: BenchRequest }
  /**
   * Parses an uploaded CSV in the worker; nothing changes until a label column is accepted.
   * `slot: 'transfer'`: a transfer's target, kept apart from the CSV a run trains on.
   */
  | { type: 'load-csv'; requestId: number; file: File; slot?: CsvSlot }
  | { type: 'csv-label'; requestId: number; labelColumn: number; seed: number; slot?: CsvSlot }
  /**
   * A run's configuration (as played, live changes included) written as a PyTorch experiment,
   * zipped under `folder` (src/core/pytorch/export.ts). Needs no trained model: the initial
   * weights follow from the configuration and seed.
   */
  | {
      type: 'export-pytorch';
      requestId: number;
      config: ExperimentConfig;
      folder: string;
      /** The imported teacher the run distilled from, by file name: its logits stand in. */
      importedTeacher?: string;
    }
  | { type: 'inject-fault'; fault: InjectedFault };

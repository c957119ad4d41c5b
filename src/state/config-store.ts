import { create } from 'zustand';
import {
  type ConfigErrors,
  type CsvSpec,
  DEFAULT_CONFIG,
  type DatasetName,
  type ExperimentConfig,
  networkDefaults,
  validateConfig,
} from '../core/config';

export type LayerField = 'teacherHidden' | 'studentHidden';

interface ConfigState {
  /** The configuration as edited; Train starts it when `errors` is empty. */
  config: ExperimentConfig;
  errors: ConfigErrors;
  set: (patch: Partial<ExperimentConfig>) => void;
  /** Switches dataset and applies the networks sized for it. */
  setDataset: (dataset: DatasetName) => void;
  /** Switches to an accepted CSV upload. */
  selectCsv: (csv: CsvSpec) => void;
  /** Takes a whole configuration (a preset, a shared link). */
  replace: (config: ExperimentConfig) => void;
  /** What a shared link's hash could not apply, one line each. */
  linkNotices: string[];
  setLinkNotices: (notices: string[]) => void;
}

export const useConfigStore = create<ConfigState>()((set) => ({
  config: DEFAULT_CONFIG,
  errors: {},
  set: (patch) => {
    set((s) => {
      const config = { ...s.config, ...patch };
      return { config, errors: validateConfig(config) };
    });
  },
  selectCsv: (csv) => {
    set((s) => {
      // Networks sized for tabular data on the first upload; later files keep the person's edits.
      const networks = s.config.dataset === 'csv' ? {} : networkDefaults('csv');
      const config = { ...s.config, dataset: 'csv' as const, csv, ...networks };
      return { config, errors: validateConfig(config) };
    });
  },
  replace: (config) => {
    set({ config, errors: validateConfig(config) });
  },
  linkNotices: [],
  setLinkNotices: (linkNotices) => {
    set({ linkNotices });
  },
  setDataset: (dataset) => {
    set((s) => {
      const config = { ...s.config, dataset, ...networkDefaults(dataset) };
      return { config, errors: validateConfig(config) };
    });
  },
}));

export const hasErrors = (errors: ConfigErrors): boolean => Object.keys(errors).length > 0;

import { create } from 'zustand';
import {
  type ConfigErrors,
  type CsvSpec,
  DEFAULT_CONFIG,
  type DatasetName,
  type ExperimentConfig,
  networkDefaults,
  startValues,
  validateConfig,
} from '../core/config';
import { type HyperChange, withChange } from '../core/schedule';
import { type Layer, formatLayers } from '../core/layers';

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
  /** The teacher file a person imported (the worker holds its weights), or null. */
  importedTeacher: ImportedTeacherInfo | null;
  setImportedTeacher: (teacher: ImportedTeacherInfo | null) => void;
  /**
   * A change the person made while the run of `runConfig` trained, applied by the worker at its
   * step: it joins the configuration's schedule, so the link and the next Train replay it.
   */
  recordLiveChange: (runConfig: ExperimentConfig, change: HyperChange) => void;
  /** What a shared link's hash could not apply, one line each. */
  linkNotices: string[];
  setLinkNotices: (notices: string[]) => void;
}

export interface ImportedTeacherInfo {
  name: string;
  layers: Layer[];
  parameters: number;
}

export const useConfigStore = create<ConfigState>()((set) => ({
  config: DEFAULT_CONFIG,
  errors: {},
  importedTeacher: null,
  setImportedTeacher: (importedTeacher) => {
    set((s) => {
      if (!importedTeacher) return { importedTeacher };
      // Its layers become the teacher network, so the editor and the sizes show what it is.
      const config = { ...s.config, teacherHidden: importedTeacher.layers };
      return { importedTeacher, config, errors: validateConfig(config) };
    });
  },
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
  recordLiveChange: (runConfig, change) => {
    set((s) => {
      const schedule = withChange(s.config.schedule, startValues(runConfig), change);
      const config = { ...s.config, schedule };
      return { config, errors: validateConfig(config) };
    });
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

/** Whether Train distils from the imported teacher: it exists and the teacher network is its. */
export function usesImportedTeacher(s: Pick<ConfigState, 'config' | 'importedTeacher'>): boolean {
  return (
    s.importedTeacher !== null &&
    formatLayers(s.importedTeacher.layers) === formatLayers(s.config.teacherHidden)
  );
}
